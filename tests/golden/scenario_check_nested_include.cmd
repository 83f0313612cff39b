check tests/data/scenario/with_nested_include.cfg
