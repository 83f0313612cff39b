convert tests/data/efg/bad_player_zero.efg - --to efg
