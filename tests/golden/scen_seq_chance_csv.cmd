solve --concept spe --format csv tests/data/scenario/seq_chance.cfg
