convert tests/data/nfg/bad_efg.nfg - --to nfg
