solve --detail --concept spe,pure tests/data/scenario/seq_entry.cfg
