coalition tests/data/coop/bad_weight.cfg
