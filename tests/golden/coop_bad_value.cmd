coalition tests/data/coop/bad_value.cfg
