solve --detail --concept gmcr tests/data/gmcr/pd.nfg
