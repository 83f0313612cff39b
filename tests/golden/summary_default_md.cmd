solve -f md --summary configs/ukraine-2025.cfg
