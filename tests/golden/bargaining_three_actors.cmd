solve --detail --concept bargaining tests/data/bargaining/three_actors.nfg
