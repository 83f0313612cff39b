convert tests/data/efg/bad_bad_number.efg - --to efg
