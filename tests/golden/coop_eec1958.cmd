coalition tests/data/coop/eec1958.cfg
