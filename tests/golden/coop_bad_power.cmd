coalition tests/data/coop/glove.cfg --concept power
