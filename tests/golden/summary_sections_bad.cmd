solve --sections nosuch configs/ukraine-2025.cfg
