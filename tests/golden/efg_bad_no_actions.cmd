convert tests/data/efg/bad_no_actions.efg - --to efg
