solve -c nash --exact --detail --width 0 tests/data/bimatrix/2x2a.nfg
