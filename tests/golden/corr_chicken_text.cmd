solve -c correlated tests/data/correlated/chicken.nfg
