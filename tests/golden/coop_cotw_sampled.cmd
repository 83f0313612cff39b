coalition --detail configs/coalition-of-the-willing.cfg --samples 20000 --seed 7
