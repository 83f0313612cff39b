convert tests/data/efg/bad_set_number_word.efg - --to efg
