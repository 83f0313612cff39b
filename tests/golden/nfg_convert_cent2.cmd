convert --to nfg tests/data/nfg/gambit/cent2.nfg -
