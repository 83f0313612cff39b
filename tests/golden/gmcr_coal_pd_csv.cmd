solve --concept gmcr --coalitions --format csv tests/data/gmcr/pd.nfg
