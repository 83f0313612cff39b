solve --sections summary,sweep configs/ukraine-2025.cfg
