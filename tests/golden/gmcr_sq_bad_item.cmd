solve -c gmcr --status-quo "coalition.dploy" configs/ukraine-2025-gmcr.cfg
