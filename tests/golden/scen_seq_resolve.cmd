solve --detail configs/ukraine-2025-staged-resolve.cfg
