convert tests/data/efg/bad_after_complete.efg - --to efg
