convert tests/data/nfg/bad_word_payoff.nfg - --to nfg
