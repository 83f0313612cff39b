convert tests/data/efg/bad_set_before_actions.efg - --to efg
