solve --concept bargaining --powers 2 tests/data/bargaining/battle_of_sexes.nfg
