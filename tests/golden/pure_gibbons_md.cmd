solve --concept pure --format md tests/known/gibbons.nfg
