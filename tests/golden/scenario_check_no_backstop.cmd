check configs/ukraine-no-us-backstop.cfg
