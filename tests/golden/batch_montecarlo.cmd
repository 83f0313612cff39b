solve -c montecarlo tests/data/batch/threshold.cfg
