solve -c sweep tests/data/batch/threshold.cfg
