solve --concept gmcr --format json tests/data/gmcr/pd.nfg
