convert tests/data/nfg/bad_extra_payoffs.nfg - --to nfg
