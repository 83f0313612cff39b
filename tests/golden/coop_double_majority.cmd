coalition tests/data/coop/double-majority.cfg -c power
