coalition tests/data/coop/bad_values_empty_coalition.cfg
