solve --concept pure tests/known/pd.nfg
