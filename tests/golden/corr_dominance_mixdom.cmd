solve -c dominance tests/data/nfg/gambit/mixdom.nfg
