solve -c montecarlo tests/data/correlated/chicken.nfg
