solve --concept bargaining --concept bargaining --format csv --no-lotteries --disagreement "a.deal, b.deal" tests/data/bargaining/known.cfg
