solve --concept bargaining --disagreement "Opera / Ballet" tests/data/bargaining/battle_of_sexes.nfg
