solve -c qre -f csv tests/data/nfg/gambit/8x2x2.nfg
