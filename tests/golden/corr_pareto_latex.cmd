solve -c pareto -f latex tests/data/correlated/bpw.nfg
