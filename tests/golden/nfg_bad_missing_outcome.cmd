convert tests/data/nfg/bad_missing_outcome.nfg - --to nfg
