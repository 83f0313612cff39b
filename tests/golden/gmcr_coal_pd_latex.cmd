solve --concept gmcr --coalitions --format latex tests/data/gmcr/pd.nfg
