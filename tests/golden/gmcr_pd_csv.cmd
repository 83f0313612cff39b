solve --concept gmcr --format csv tests/data/gmcr/pd.nfg
