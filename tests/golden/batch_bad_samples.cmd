solve -c montecarlo --samples 0 tests/data/batch/threshold.cfg
