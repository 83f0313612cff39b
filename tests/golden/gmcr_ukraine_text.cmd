solve --detail configs/ukraine-2025-gmcr.cfg
