convert tests/data/nfg/no-such-file.nfg - --to nfg
