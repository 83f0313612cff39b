solve tests/data/efg/kuhn.efg -c seqform -f json
