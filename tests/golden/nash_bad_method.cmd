solve -c nash -m simplex tests/data/bimatrix/2x2a.nfg
