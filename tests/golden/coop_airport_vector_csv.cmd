coalition tests/data/coop/airport-vector.cfg -f csv
