solve -c zerosum,maxmin tests/data/bimatrix/2x2const.nfg
