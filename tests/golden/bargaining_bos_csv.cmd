solve --concept bargaining --format csv tests/data/bargaining/battle_of_sexes.nfg
