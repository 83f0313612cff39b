solve -c pure,enumpoly,correlated -f json tests/data/nfg/labels_collide.nfg
