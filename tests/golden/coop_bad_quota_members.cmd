coalition tests/data/coop/bad_quota_members.cfg
