convert tests/data/nfg/bad_huge.nfg - --to nfg
