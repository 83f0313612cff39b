check configs/classic/chicken.cfg
