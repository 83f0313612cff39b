check --set q_backstop=0.4 --set us_influence=0.2 configs/ukraine-2025.cfg
