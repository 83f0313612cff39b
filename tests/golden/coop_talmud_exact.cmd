coalition tests/data/coop/talmud200.cfg --concept nucleolus,shapley --exact --format latex
