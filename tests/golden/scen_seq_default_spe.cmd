solve --concept spe configs/ukraine-2025.cfg
