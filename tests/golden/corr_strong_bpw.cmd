solve -c strong tests/data/correlated/bpw.nfg
