coalition tests/data/coop/talmud200-tiny.cfg
