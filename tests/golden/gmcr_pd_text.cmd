solve --concept gmcr tests/data/gmcr/pd.nfg
