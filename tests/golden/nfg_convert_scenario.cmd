convert configs/classic/prisoners-dilemma.cfg - --to nfg
