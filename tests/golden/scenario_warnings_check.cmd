check --set q=2.5 tests/data/scenario/warnings.cfg
