solve -c correlated --objective 'u(Nobody)' tests/data/correlated/chicken.nfg
