solve -c gmcr tests/data/scenario/bad_no_feasible_state.cfg
