convert --to json tests/data/nfg/counts_3p.nfg -
