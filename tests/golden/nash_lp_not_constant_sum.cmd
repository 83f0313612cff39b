solve -c nash -m lp tests/data/bimatrix/deg2.nfg
