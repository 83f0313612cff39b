solve --concept bargaining --format json tests/data/bargaining/battle_of_sexes.nfg
