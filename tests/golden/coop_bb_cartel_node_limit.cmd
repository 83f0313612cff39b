coalition --detail configs/coalition-of-the-willing.cfg --concept cartel --max-nodes 1000
