coalition --detail tests/data/coop/pg.cfg --concept cartel
