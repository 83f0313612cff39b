solve --concept bargaining --disagreement "Opera / Opera" --no-lotteries tests/data/bargaining/battle_of_sexes.nfg
