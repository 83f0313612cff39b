solve --concept spe tests/data/scenario/seq_chance.cfg
