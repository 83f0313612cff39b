coalition tests/data/coop/cartel_div0_large.cfg
