coalition tests/data/coop/bad_values_empty.cfg
