solve --concept spe --format json tests/data/scenario/seq_entry.cfg
