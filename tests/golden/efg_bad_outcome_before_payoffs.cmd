convert tests/data/efg/bad_outcome_before_payoffs.efg - --to efg
