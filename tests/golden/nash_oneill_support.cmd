solve -c nash -m support tests/data/bimatrix/oneill.nfg
