check tests/data/scenario/coalition_value.cfg
