convert tests/data/efg/bad_unterminated.efg - --to efg
