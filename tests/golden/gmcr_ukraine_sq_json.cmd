solve -c gmcr --status-quo "russia.ceasefire, ukraine.ceasefire" -f json configs/ukraine-2025-gmcr.cfg
