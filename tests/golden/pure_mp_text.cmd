solve --concept pure tests/known/mp.nfg
