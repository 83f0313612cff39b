convert tests/data/efg/bad_version.efg - --to efg
