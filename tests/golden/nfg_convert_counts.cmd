convert -t nfg tests/data/nfg/counts_3p.nfg -
