coalition tests/data/coop/pg.cfg --concept cartel
