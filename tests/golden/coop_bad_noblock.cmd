coalition configs/classic/prisoners-dilemma.cfg
