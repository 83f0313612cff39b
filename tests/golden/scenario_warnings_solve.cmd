solve --set q=0.6 tests/data/scenario/warnings.cfg
