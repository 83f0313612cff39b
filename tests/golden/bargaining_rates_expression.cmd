solve --detail -c bargaining tests/data/bargaining/rates_expression.cfg
