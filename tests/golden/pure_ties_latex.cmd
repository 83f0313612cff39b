solve --concept pure --format latex tests/known/ties.nfg
