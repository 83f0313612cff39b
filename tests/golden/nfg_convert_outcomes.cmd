convert tests/data/nfg/escapes_outcomes.nfg - --to nfg
