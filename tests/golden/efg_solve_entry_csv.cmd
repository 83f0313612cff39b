solve tests/data/efg/entry.efg -f csv
