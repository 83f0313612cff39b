solve -c nash tests/data/bimatrix/deg2.nfg
