coalition configs/coalition-of-the-willing.cfg --members FR,UKK
