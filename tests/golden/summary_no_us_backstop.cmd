solve configs/ukraine-no-us-backstop.cfg
