solve -c cce -f md tests/data/correlated/chicken.nfg
