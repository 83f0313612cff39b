solve --detail --concept spe configs/ukraine-2025.cfg
