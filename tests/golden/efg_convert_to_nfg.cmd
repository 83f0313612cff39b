convert tests/data/efg/entry.efg - --to nfg
