solve --concept pure --set credible=0.3 tests/data/scenario/tripwire.cfg
