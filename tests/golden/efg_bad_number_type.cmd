convert tests/data/efg/bad_number_type.efg - --to efg
