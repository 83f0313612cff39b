solve -c sweep -f csv tests/data/batch/threshold.cfg
