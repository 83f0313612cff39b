convert tests/data/efg/bad_empty.efg - --to efg
