coalition tests/data/coop/bad_values_vector.cfg
