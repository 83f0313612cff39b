convert tests/data/nfg/counts_3p.nfg /nonexistent-dir/out.nfg
