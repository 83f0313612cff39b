solve -c nash tests/data/bimatrix/2x2x2.nfg
