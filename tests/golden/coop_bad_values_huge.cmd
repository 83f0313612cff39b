coalition tests/data/coop/bad_values_huge.cfg
