solve tests/data/efg/gambit/cs.efg -c pure
