coalition tests/data/coop/explicit30.cfg
