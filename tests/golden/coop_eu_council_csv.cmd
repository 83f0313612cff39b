coalition tests/data/coop/eu-council.cfg -c power -f csv
