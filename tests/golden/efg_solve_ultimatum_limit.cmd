solve tests/data/efg/ultimatum.efg -c spe --max-spe 1
