solve --concept gmcr --coalitions --format md tests/data/gmcr/pd.nfg
