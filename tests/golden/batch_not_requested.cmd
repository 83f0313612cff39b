solve tests/data/batch/threshold.cfg
