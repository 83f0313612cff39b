solve --detail tests/data/efg/gambit/e04.efg
