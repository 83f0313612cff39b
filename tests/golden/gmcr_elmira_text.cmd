solve --detail configs/classic/elmira.cfg
