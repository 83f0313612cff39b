solve -c correlated -f json tests/data/correlated/chicken.nfg
