solve -c qre -f csv tests/data/nfg/gambit/2x2x2x2.nfg
