solve -c montecarlo configs/classic/prisoners-dilemma.cfg
