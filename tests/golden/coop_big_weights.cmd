coalition tests/data/coop/big-weights.cfg
