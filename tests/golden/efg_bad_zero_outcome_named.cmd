convert tests/data/efg/bad_zero_outcome_named.efg - --to efg
