convert tests/data/nfg/bad_png.nfg - --to nfg
