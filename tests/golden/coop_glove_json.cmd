coalition tests/data/coop/glove.cfg --format json
