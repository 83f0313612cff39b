coalition tests/data/coop/majority40.cfg --max-nodes 20000 --samples 16000 -f csv
