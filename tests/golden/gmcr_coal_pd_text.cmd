solve --concept gmcr --coalitions tests/data/gmcr/pd.nfg
