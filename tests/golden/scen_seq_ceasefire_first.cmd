solve --detail configs/ukraine-2025-ceasefire-first.cfg
