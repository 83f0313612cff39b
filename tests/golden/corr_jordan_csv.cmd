solve -c qre,enumpoly -f csv tests/data/correlated/jordan.nfg
