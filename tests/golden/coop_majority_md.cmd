coalition tests/data/coop/majority.cfg --format md
