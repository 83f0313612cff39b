convert tests/data/efg/bad_too_few_payoffs.efg - --to efg
