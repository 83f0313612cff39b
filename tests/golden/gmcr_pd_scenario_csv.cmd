solve -c gmcr -f csv configs/classic/prisoners-dilemma.cfg
