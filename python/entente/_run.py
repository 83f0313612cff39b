"""Running concepts through the library's registry, and their reports as Python data."""
import ctypes
import json

from ._lib import lib, check, new_error, P, FORMATS
from ._game import Game, Scenario, Tree

try:  # DataFrames when pandas is there; plain lists of dicts otherwise
    import pandas as _pd
except ImportError:
    _pd = None


def _opts(options):
    """A C ent_analysis_opts filled by name; returns (buffer, kept strings)."""
    buf = ctypes.create_string_buffer(lib.ent_analysis_opts_size())
    lib.ent_analysis_opts_init(buf)
    keep = []
    for name, value in options.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = int(value)
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        text = ctypes.c_char_p(str(value).encode())
        keep.append(text)
        err = new_error()
        check(lib.ent_analysis_opts_set(buf, name.encode(), text, ctypes.byref(err)), err)
    return buf, keep


class Report:
    """The report of one run: .data (the JSON report as dicts and lists), .table(name),
    .tables, .summary, .notes, and .text(fmt) for any format the program writes."""

    def __init__(self, handle):
        self._h = handle
        self.data = json.loads(self.text("json"))

    def __del__(self):
        if getattr(self, "_h", None) and self._h.value:
            lib.ent_report_free(ctypes.byref(self._h))

    def text(self, fmt="text", table=None):
        """The report written as the program writes it: text, csv, json, md or latex."""
        out = P()
        check(lib.ent_report_write_string(self._h, FORMATS[fmt], table.encode() if table else None,
                                          ctypes.byref(out)))
        try:
            return ctypes.string_at(out).decode()
        finally:
            lib.ent_free(out)

    @property
    def primary_table(self):
        name = lib.ent_report_primary_table(self._h)
        return name.decode() if name else None

    @property
    def tables(self):
        """Names of the report's tables."""
        return [k for k, v in self.data.items() if isinstance(v, list) and k != "notes"]

    def table(self, name=None, frame=None):
        """Rows of a table (default: the one CSV output shows) as a list of dicts, or a
        pandas DataFrame when pandas is installed (frame=False forces the list)."""
        rows = self.data.get(name or self.primary_table, [])
        if frame is None:
            frame = _pd is not None
        if frame:
            if _pd is None:
                raise ImportError("pandas is not installed")
            return _pd.DataFrame(rows)
        return rows

    @property
    def summary(self):
        return {k: v for k, v in self.data.items() if not isinstance(v, list)}

    @property
    def notes(self):
        return self.data.get("notes", [])

    def __str__(self):
        return self.text("text")


def solve(game, concepts=None, **options):
    """Run concepts (a list or "a,b"; None = the defaults, or the scenario's own list) on
    a Game, a Scenario, a Tree or a file (.nfg, .efg or .cfg). Options are those of ent_analysis_opts
    (method, exact, time_limit, threads, seed, samples, objective, status_quo, ...).
    Returns a Report; raises EntenteError as the program would fail."""
    scenario = None
    if isinstance(game, str) or hasattr(game, "__fspath__"):
        path = str(game)
        game = (Scenario(path) if path.endswith(".cfg") else
                Tree(path) if path.endswith(".efg") else Game.read_nfg(path))
        options.setdefault("input", path)
    if isinstance(game, Tree):
        if concepts is not None:
            options["concepts"] = concepts
        options.setdefault("format", "json")
        buf, keep = _opts(options)
        out, err = P(), new_error()
        check(lib.ent_analyze_tree(game._h, buf, ctypes.byref(out), ctypes.byref(err)), err)
        del keep
        return Report(out)
    if isinstance(game, Scenario):
        scenario = game
        options.setdefault("input", scenario.path)
        game = scenario.compile()
    if concepts is not None:
        options["concepts"] = concepts
    options.setdefault("format", "json")
    buf, keep = _opts(options)
    out, err = P(), new_error()
    check(lib.ent_analyze(game._h, scenario._h if scenario else None, buf, ctypes.byref(out),
                          ctypes.byref(err)), err)
    del keep
    return Report(out)


def coalition(scenario, concepts=None, **options):
    """Run coalitional concepts (core, nucleolus, shapley, banzhaf, power, cartel; None =
    those that apply) on a Scenario or .cfg file. Options: members, derive, transfers,
    max_dense, max_nodes, samples, seed, exact, threads. Returns a Report."""
    if not isinstance(scenario, Scenario):
        scenario = Scenario(str(scenario))
    options.setdefault("input", scenario.path)
    if concepts is not None:
        options["concepts"] = concepts
    options.setdefault("format", "json")
    buf, keep = _opts(options)
    out, err = P(), new_error()
    check(lib.ent_analyze_coalition(scenario._h, buf, ctypes.byref(out), ctypes.byref(err)), err)
    del keep
    return Report(out)
