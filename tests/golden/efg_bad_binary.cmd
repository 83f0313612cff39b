convert tests/data/efg/bad_binary.efg - --to efg
