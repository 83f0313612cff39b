solve -c correlated -f csv tests/data/correlated/chicken.nfg
