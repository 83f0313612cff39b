convert tests/data/efg/bad_not_efg.efg - --to efg
