solve -c montecarlo -f csv --samples 1000 --seed 3 -t 2 tests/data/batch/threshold.cfg
