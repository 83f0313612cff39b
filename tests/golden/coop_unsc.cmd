coalition --detail tests/data/coop/unsc.cfg --concept power,core
