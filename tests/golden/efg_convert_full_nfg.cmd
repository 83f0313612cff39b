convert --full tests/data/efg/entry.efg - --to nfg
