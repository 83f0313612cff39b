solve --detail --concept spe --set co_humiliation=6 configs/ukraine-2025-ceasefire-first.cfg
