convert tests/data/efg/bad_bad_node_letter.efg - --to efg
