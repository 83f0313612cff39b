coalition tests/data/coop/talmud200-shifted.cfg --exact
