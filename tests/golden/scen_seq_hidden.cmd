solve --detail --concept spe tests/data/scenario/seq_hidden.cfg
