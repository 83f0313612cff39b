solve configs/ukraine-2025-gmcr.cfg --width 100
