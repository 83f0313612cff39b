"""Loading libentente and declaring the C functions the module calls."""
import ctypes
import os
from pathlib import Path

_here = Path(__file__).resolve().parent


def _candidates():
    env = os.environ.get("ENTENTE_LIB")
    if env:
        yield Path(env)
    # installed: PREFIX/lib/python3.X/dist-packages/entente -> PREFIX/lib
    yield _here.parents[2] / "libentente.so.0"
    # source tree: python/entente -> build/rel
    yield _here.parents[1] / "build" / "rel" / "libentente.so.0"
    yield Path("libentente.so.0")  # the loader's search path


def _load():
    tried = []
    for path in _candidates():
        if path.is_absolute() and not path.exists():
            tried.append(str(path))
            continue
        try:
            return ctypes.CDLL(str(path))
        except OSError as e:
            tried.append(f"{path} ({e})")
    raise ImportError("entente: libentente.so.0 not found; set ENTENTE_LIB (tried: "
                      + "; ".join(tried) + ")")


lib = _load()


class _Error(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("msg", ctypes.c_char * 1024)]


class _ConceptInfo(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("summary", ctypes.c_char_p),
                ("kinds", ctypes.c_uint), ("dflt", ctypes.c_int), ("options", ctypes.c_char_p)]


class EntenteError(Exception):
    """A failure reported by the library: .status (negative ent_status) and the one-line
    message the entente program would print."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


P = ctypes.c_void_p
_decl = {
    "ent_strerror": (ctypes.c_char_p, [ctypes.c_int]),
    "ent_concept_count": (ctypes.c_int, []),
    "ent_concept_info_get": (ctypes.c_int, [ctypes.c_int, ctypes.POINTER(_ConceptInfo)]),
    "ent_analysis_opts_size": (ctypes.c_size_t, []),
    "ent_analysis_opts_init": (None, [P]),
    "ent_analysis_opts_set": (ctypes.c_int, [P, ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(_Error)]),
    "ent_analyze": (ctypes.c_int, [P, P, P, ctypes.POINTER(P), ctypes.POINTER(_Error)]),
    "ent_analyze_coalition": (ctypes.c_int, [P, P, ctypes.POINTER(P), ctypes.POINTER(_Error)]),
    "ent_report_free": (None, [ctypes.POINTER(P)]),
    "ent_report_write_string": (ctypes.c_int, [P, ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(P)]),
    "ent_report_primary_table": (ctypes.c_char_p, [P]),
    "ent_free": (None, [P]),
    "ent_game_new": (ctypes.c_int, [ctypes.POINTER(P), ctypes.c_int, ctypes.POINTER(ctypes.c_int), P,
                                    ctypes.POINTER(_Error)]),
    "ent_game_free": (None, [ctypes.POINTER(P)]),
    "ent_game_nplayers": (ctypes.c_int, [P]),
    "ent_game_nstrategies": (ctypes.c_int, [P, ctypes.c_int]),
    "ent_game_nprofiles": (ctypes.c_uint64, [P]),
    "ent_game_payoffs": (ctypes.POINTER(ctypes.c_double), [P, ctypes.c_int]),
    "ent_game_payoffs_mut": (ctypes.POINTER(ctypes.c_double), [P, ctypes.c_int]),
    "ent_game_title": (ctypes.c_char_p, [P]),
    "ent_game_player_label": (ctypes.c_char_p, [P, ctypes.c_int]),
    "ent_game_strategy_label": (ctypes.c_char_p, [P, ctypes.c_int, ctypes.c_int]),
    "ent_game_set_title": (ctypes.c_int, [P, ctypes.c_char_p]),
    "ent_game_set_player_label": (ctypes.c_int, [P, ctypes.c_int, ctypes.c_char_p]),
    "ent_game_set_strategy_label": (ctypes.c_int, [P, ctypes.c_int, ctypes.c_int, ctypes.c_char_p]),
    "ent_nfg_read_file": (ctypes.c_int, [ctypes.c_char_p, P, ctypes.POINTER(P), ctypes.POINTER(_Error)]),
    "ent_scenario_load": (ctypes.c_int, [ctypes.c_char_p, P, ctypes.POINTER(P), ctypes.POINTER(_Error)]),
    "ent_scenario_free": (None, [ctypes.POINTER(P)]),
    "ent_scenario_compile": (ctypes.c_int, [P, ctypes.POINTER(P), ctypes.POINTER(_Error)]),
    "ent_scenario_title": (ctypes.c_char_p, [P]),
    "ent_scenario_path": (ctypes.c_char_p, [P]),
    "ent_scenario_nparams": (ctypes.c_int, [P]),
    "ent_scenario_param_name": (ctypes.c_char_p, [P, ctypes.c_int]),
    "ent_scenario_param_value": (ctypes.c_double, [P, ctypes.c_int]),
    "ent_scenario_set_param": (ctypes.c_int, [P, ctypes.c_char_p, ctypes.c_double, ctypes.POINTER(_Error)]),
    "ent_scenario_has_coalition": (ctypes.c_int, [P]),
}
for _name, (_res, _args) in _decl.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args

FORMATS = {"text": 0, "csv": 1, "json": 2, "md": 3, "markdown": 3, "latex": 4, "tex": 4}
KINDS = {1: "normal", 2: "scenario", 4: "graph", 8: "coalition", 16: "extensive"}


def new_error():
    return _Error(0, b"")


def check(rc, err=None):
    """Raise EntenteError for a negative status."""
    if rc < 0:
        msg = err.msg.decode() if err is not None and err.msg else lib.ent_strerror(rc).decode()
        raise EntenteError(rc, msg)
    return rc


def concepts():
    """The registered concepts: a list of dicts (name, summary, kinds, default, options)."""
    out = []
    info = _ConceptInfo()
    for i in range(lib.ent_concept_count()):
        check(lib.ent_concept_info_get(i, ctypes.byref(info)))
        out.append({
            "name": info.name.decode(),
            "summary": info.summary.decode(),
            "kinds": [v for k, v in KINDS.items() if info.kinds & k],
            "default": bool(info.dflt),
            "options": [o for o in info.options.decode().split(",") if o],
        })
    return out
