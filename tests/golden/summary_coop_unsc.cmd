coalition tests/data/coop/unsc.cfg --concept power,core
