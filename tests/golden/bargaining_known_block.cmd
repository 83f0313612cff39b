solve --concept bargaining tests/data/bargaining/known.cfg
