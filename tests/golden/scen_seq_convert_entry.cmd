convert --to efg tests/data/scenario/seq_entry.cfg -
