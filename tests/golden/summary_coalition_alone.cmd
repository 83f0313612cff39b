solve configs/ukraine-coalition-acts-alone.cfg
