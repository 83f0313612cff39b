solve --concept bargaining tests/data/bargaining/battle_of_sexes.nfg
