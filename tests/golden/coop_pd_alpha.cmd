coalition configs/classic/prisoners-dilemma.cfg --derive alpha
