convert tests/data/nfg/bad_no_players.nfg - --to nfg
