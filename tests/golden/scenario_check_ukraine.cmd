check configs/ukraine-2025.cfg
