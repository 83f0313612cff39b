solve -c gmcr --status-quo "coalition.deploy" configs/ukraine-2025-gmcr.cfg
