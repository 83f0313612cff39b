solve -c nash -m lemke -f json tests/data/bimatrix/8x8.nfg
