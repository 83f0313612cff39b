solve -c pure,enumpoly,correlated -f csv tests/data/nfg/labels_collide.nfg
