solve --concept pure --format csv tests/known/coord3.nfg
