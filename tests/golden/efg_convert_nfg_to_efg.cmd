convert tests/known/pd.nfg - --to efg
