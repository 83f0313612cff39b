coalition configs/coalition-of-the-willing.cfg --max-nodes 5
