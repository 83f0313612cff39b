solve tests/data/nfg/bad_number.nfg
