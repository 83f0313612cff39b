solve --reduce -c enumpoly -f csv tests/data/nfg/gambit/mixdom.nfg
