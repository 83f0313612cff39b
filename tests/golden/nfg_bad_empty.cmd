convert tests/data/nfg/bad_empty.nfg - --to nfg
