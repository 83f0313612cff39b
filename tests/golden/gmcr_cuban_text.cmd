solve --detail configs/classic/cuban-missile-crisis.cfg
