solve --detail -c strong tests/data/correlated/bpw.nfg
