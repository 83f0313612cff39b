solve --concept pure tests/data/scenario/tripwire.cfg
