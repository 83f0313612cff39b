solve --detail -c correlated tests/data/correlated/chicken.nfg
