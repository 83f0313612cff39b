solve --concept pure --format json tests/known/bos.nfg
