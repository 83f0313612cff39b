coalition --detail configs/coalition-of-the-willing.cfg --concept banzhaf
