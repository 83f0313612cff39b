convert tests/data/nfg/bad_truncated.nfg - --to nfg
