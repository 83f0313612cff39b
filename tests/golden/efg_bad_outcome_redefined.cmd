convert tests/data/efg/bad_outcome_redefined.efg - --to efg
