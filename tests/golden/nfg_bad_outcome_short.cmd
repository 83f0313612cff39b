convert tests/data/nfg/bad_outcome_short.nfg - --to nfg
