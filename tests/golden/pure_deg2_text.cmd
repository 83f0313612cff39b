solve --concept pure tests/data/nfg/gambit/deg2.nfg
