convert tests/data/efg/bad_chance_negative.efg - --to efg
