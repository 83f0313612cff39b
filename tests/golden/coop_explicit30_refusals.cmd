coalition --detail tests/data/coop/explicit30.cfg
