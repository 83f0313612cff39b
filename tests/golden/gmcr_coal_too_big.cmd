solve tests/data/gmcr/coal-too-big.cfg
