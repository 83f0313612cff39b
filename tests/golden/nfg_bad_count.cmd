convert tests/data/nfg/bad_count.nfg - --to nfg
