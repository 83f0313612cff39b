solve -c nash --exact tests/data/bimatrix/2x2a.nfg
