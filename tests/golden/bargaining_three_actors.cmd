solve --concept bargaining tests/data/bargaining/three_actors.nfg
