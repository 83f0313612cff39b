solve -c sweep tests/data/correlated/chicken.nfg
