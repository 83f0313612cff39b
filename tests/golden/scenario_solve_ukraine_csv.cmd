solve --concept pure --format csv configs/ukraine-2025.cfg
