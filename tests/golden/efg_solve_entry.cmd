solve --detail tests/data/efg/entry.efg
