check tests/data/scenario/coalition_table.cfg
