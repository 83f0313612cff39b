convert tests/data/efg/bad_truncated.efg - --to efg
