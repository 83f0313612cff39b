solve --concept pure --set profiles=3 tests/data/scenario/params_named_like_fields.cfg
