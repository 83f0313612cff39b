convert tests/data/efg/bad_no_players.efg - --to efg
