solve -f csv configs/classic/garrison.cfg
