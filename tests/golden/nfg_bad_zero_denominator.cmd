convert tests/data/nfg/bad_zero_denominator.nfg - --to nfg
