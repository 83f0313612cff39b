solve --concept bargaining --format json tests/data/bargaining/known.cfg
