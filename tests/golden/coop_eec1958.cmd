coalition --detail tests/data/coop/eec1958.cfg
