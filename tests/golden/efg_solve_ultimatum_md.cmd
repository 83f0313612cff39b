solve tests/data/efg/ultimatum.efg -c spe -f md
