"""entente — negotiation game theory from Python, over libentente (ctypes, no compile step).

    import entente
    g = entente.Game.from_payoffs([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    r = entente.solve(g, concepts="pure,nash")
    r.table("equilibria")          # list of dicts (a pandas DataFrame with pandas)

Every concept of the `entente` program runs through the same library registry, so the
results are those the program prints (and verified the same way).
"""
from ._lib import EntenteError, concepts
from ._game import Game, Scenario, Tree
from ._run import Report, solve, coalition

__all__ = ["EntenteError", "concepts", "Game", "Scenario", "Tree", "Report", "solve", "coalition"]
__version__ = "0.1.0"
