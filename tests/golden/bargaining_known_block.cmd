solve --detail --concept bargaining tests/data/bargaining/known.cfg
