solve -c sweep configs/classic/prisoners-dilemma.cfg
