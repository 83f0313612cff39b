solve tests/data/gmcr/coal-bad-flag.cfg
