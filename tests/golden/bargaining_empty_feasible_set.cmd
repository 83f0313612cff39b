solve --concept bargaining --no-lotteries tests/data/bargaining/matching_pennies.nfg
