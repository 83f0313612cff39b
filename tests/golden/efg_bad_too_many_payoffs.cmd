convert tests/data/efg/bad_too_many_payoffs.efg - --to efg
