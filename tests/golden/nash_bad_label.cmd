solve -c nash -m lemke=7 tests/data/bimatrix/2x2a.nfg
