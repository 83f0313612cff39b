solve configs/classic/cuban-missile-crisis.cfg
