solve --concept gmcr --coalitions --format json tests/data/gmcr/pd.nfg
