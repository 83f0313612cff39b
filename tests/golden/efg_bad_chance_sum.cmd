convert tests/data/efg/bad_chance_sum.efg - --to efg
