convert tests/data/nfg/bad_outcome_index.nfg - --to nfg
