coalition --detail configs/coalition-of-the-willing.cfg --members FR,UK,DE,PL,IT,ES,NL,SE,FI,NO,TR,CA,AU,US
