solve tests/data/efg/entry.efg
