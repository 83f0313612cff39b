"""Games (normal form: from a Gambit file, nested lists or numpy arrays) and scenarios."""
import ctypes
import itertools
import os

from ._lib import lib, check, new_error, P


def _shape(x):
    """Shape of a rectangular nested list (or of anything with .shape)."""
    if hasattr(x, "shape"):
        return tuple(int(n) for n in x.shape)
    shape = []
    while isinstance(x, (list, tuple)):
        shape.append(len(x))
        if not x:
            break
        x = x[0]
    return tuple(shape)


def _at(x, idx):
    for i in idx:
        x = x[i]
    return float(x)


class Game:
    """An n-player game in normal form (owned by the library; freed with the object)."""

    def __init__(self, handle):
        self._h = P(handle) if not isinstance(handle, P) else handle

    def __del__(self):
        if getattr(self, "_h", None) and self._h.value:
            lib.ent_game_free(ctypes.byref(self._h))

    @classmethod
    def read_nfg(cls, path):
        """Read a Gambit strategic game (.nfg)."""
        h, err = P(), new_error()
        check(lib.ent_nfg_read_file(os.fsencode(path), None, ctypes.byref(h), ctypes.byref(err)), err)
        return cls(h)

    @classmethod
    def from_payoffs(cls, payoffs, players=None, strategies=None, title=None):
        """Build a game from one payoff array per player, each indexed
        [s_1][s_2]...[s_n] (nested lists or numpy arrays of the same shape).
        players: names; strategies: one list of names per player."""
        payoffs = list(payoffs)
        n = len(payoffs)
        if n < 1:
            raise ValueError("at least one player's payoffs are needed")
        shape = _shape(payoffs[0])
        if len(shape) != n or any(k < 1 for k in shape):
            raise ValueError(f"each payoff array needs {n} axes of length >= 1, got shape {shape}")
        for p, a in enumerate(payoffs):
            if _shape(a) != shape:
                raise ValueError(f"player {p + 1}'s payoffs have shape {_shape(a)}, expected {shape}")
        ns = (ctypes.c_int * n)(*shape)
        h, err = P(), new_error()
        check(lib.ent_game_new(ctypes.byref(h), n, ns, None, ctypes.byref(err)), err)
        g = cls(h)
        total = 1
        for k in shape:
            total *= k
        for p, a in enumerate(payoffs):
            dst = lib.ent_game_payoffs_mut(g._h, p)
            if hasattr(a, "shape") and hasattr(a, "ravel"):
                # the library's order: player 1's strategy varies fastest (Fortran order)
                flat = a.ravel(order="F")
                for i in range(total):
                    dst[i] = float(flat[i])
            else:
                i = 0
                for idx in itertools.product(*[range(k) for k in reversed(shape)]):
                    dst[i] = _at(a, tuple(reversed(idx)))
                    i += 1
        if title:
            check(lib.ent_game_set_title(g._h, title.encode()))
        for p, name in enumerate(players or []):
            check(lib.ent_game_set_player_label(g._h, p, str(name).encode()))
        for p, names in enumerate(strategies or []):
            for s, name in enumerate(names):
                check(lib.ent_game_set_strategy_label(g._h, p, s, str(name).encode()))
        return g

    @classmethod
    def bimatrix(cls, a, b, **labels):
        """Two-player game: a[i][j] the row player's payoff, b[i][j] the column player's."""
        return cls.from_payoffs([a, b], **labels)

    @property
    def nplayers(self):
        return lib.ent_game_nplayers(self._h)

    @property
    def shape(self):
        return tuple(lib.ent_game_nstrategies(self._h, p) for p in range(self.nplayers))

    @property
    def title(self):
        return lib.ent_game_title(self._h).decode()

    @property
    def players(self):
        return [lib.ent_game_player_label(self._h, p).decode() for p in range(self.nplayers)]

    def strategies(self, player):
        return [lib.ent_game_strategy_label(self._h, player, s).decode()
                for s in range(lib.ent_game_nstrategies(self._h, player))]

    def payoff(self, player, profile):
        """Payoff of `player` at a pure profile (one strategy index per player)."""
        shape = self.shape
        if len(profile) != len(shape) or any(not 0 <= s < k for s, k in zip(profile, shape)):
            raise IndexError(f"profile {profile} outside {shape}")
        idx, stride = 0, 1
        for s, k in zip(profile, shape):
            idx += s * stride
            stride *= k
        return lib.ent_game_payoffs(self._h, player)[idx]


class Scenario:
    """A scenario file (.cfg): parameters can be set before it is compiled or solved."""

    def __init__(self, path):
        self._h, err = P(), new_error()
        check(lib.ent_scenario_load(os.fsencode(path), None, ctypes.byref(self._h), ctypes.byref(err)), err)

    def __del__(self):
        if getattr(self, "_h", None) and self._h.value:
            lib.ent_scenario_free(ctypes.byref(self._h))

    @property
    def title(self):
        return lib.ent_scenario_title(self._h).decode()

    @property
    def path(self):
        return lib.ent_scenario_path(self._h).decode()

    @property
    def params(self):
        """Current parameter values: {name: value}."""
        return {lib.ent_scenario_param_name(self._h, i).decode(): lib.ent_scenario_param_value(self._h, i)
                for i in range(lib.ent_scenario_nparams(self._h))}

    def set(self, **values):
        """Set parameters by name (the CLI's --set NAME=VALUE)."""
        for name, v in values.items():
            err = new_error()
            check(lib.ent_scenario_set_param(self._h, name.encode(), float(v), ctypes.byref(err)), err)
        return self

    @property
    def has_coalition(self):
        return bool(lib.ent_scenario_has_coalition(self._h))

    def compile(self):
        """The normal-form game at the current parameter values."""
        h, err = P(), new_error()
        check(lib.ent_scenario_compile(self._h, ctypes.byref(h), ctypes.byref(err)), err)
        return Game(h)


class Tree:
    """A game in extensive form, read from a Gambit .efg file."""

    def __init__(self, path):
        self._h, err = P(), new_error()
        check(lib.ent_efg_read_file(os.fsencode(path), None, ctypes.byref(self._h), ctypes.byref(err)), err)

    def __del__(self):
        if getattr(self, "_h", None) and self._h.value:
            lib.ent_efg_free(ctypes.byref(self._h))

    @property
    def title(self):
        return lib.ent_efg_title(self._h).decode()
