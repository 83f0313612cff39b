convert tests/data/efg/bad_zero_denominator.efg - --to efg
