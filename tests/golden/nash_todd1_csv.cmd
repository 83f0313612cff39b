solve -c nash -f csv tests/data/bimatrix/todd1.nfg
