coalition tests/data/coop/talmud200-vector.cfg -c nucleolus -f csv
