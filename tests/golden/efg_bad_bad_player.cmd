convert tests/data/efg/bad_bad_player.efg - --to efg
