solve -c correlated --objective 'min: u(Row) + 0.5*u(2)' -f csv tests/data/correlated/chicken.nfg
