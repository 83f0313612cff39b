solve --concept bargaining --format md --disagreement "Football / Opera" --powers 2,1 tests/data/bargaining/battle_of_sexes.nfg
