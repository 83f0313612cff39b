convert tests/data/nfg/bad_unterminated.nfg - --to nfg
