convert tests/data/efg/bad_no_root.efg - --to efg
