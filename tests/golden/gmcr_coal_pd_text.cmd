solve --detail --concept gmcr --coalitions tests/data/gmcr/pd.nfg
