solve configs/classic/elmira.cfg
