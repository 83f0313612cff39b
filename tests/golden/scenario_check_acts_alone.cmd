check configs/ukraine-coalition-acts-alone.cfg
