convert tests/data/nfg/bad_number.nfg - --to nfg
