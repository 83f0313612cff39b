solve --concept pure -f json --set profiles=3 --set title=0.5 tests/data/scenario/params_named_like_fields.cfg
