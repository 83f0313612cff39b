solve tests/data/efg/entry.efg -c spe -f latex
