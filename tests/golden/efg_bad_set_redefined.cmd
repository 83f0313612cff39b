convert tests/data/efg/bad_set_redefined.efg - --to efg
