solve --detail -c correlated,enumpoly,qre tests/data/correlated/inspection.nfg
