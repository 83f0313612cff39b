check configs/classic/prisoners-dilemma.cfg
