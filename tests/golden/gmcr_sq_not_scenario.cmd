solve -c gmcr --status-quo "coalition.deploy" tests/data/gmcr/pd.nfg
