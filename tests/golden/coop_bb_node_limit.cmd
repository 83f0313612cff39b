coalition --detail configs/coalition-of-the-willing.cfg --concept core --max-nodes 1000
