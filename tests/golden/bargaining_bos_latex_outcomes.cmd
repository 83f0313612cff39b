solve --concept bargaining --format latex --no-lotteries tests/data/bargaining/battle_of_sexes.nfg
