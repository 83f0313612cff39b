solve -c strong -f csv tests/data/correlated/bpw.nfg
