convert tests/data/nfg/counts_3p.nfg out.txt
