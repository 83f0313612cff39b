convert tests/data/efg/bad_node_name_missing.efg - --to efg
