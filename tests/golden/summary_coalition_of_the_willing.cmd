coalition configs/coalition-of-the-willing.cfg
