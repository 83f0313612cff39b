convert tests/data/nfg/bad_binary.nfg - --to nfg
