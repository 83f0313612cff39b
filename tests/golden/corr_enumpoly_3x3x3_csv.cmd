solve -c enumpoly -f csv tests/data/nfg/gambit/3x3x3.nfg
