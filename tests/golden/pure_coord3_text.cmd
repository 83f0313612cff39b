solve --concept pure tests/known/coord3.nfg
