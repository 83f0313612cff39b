"""Tests of the Python module: games from lists and numpy arrays, scenarios, every kind of
concept, errors, and a cross-check against the entente program's JSON on the same inputs.
Run from the repository root: /usr/bin/python3 -m pytest python/tests"""
import json
import os
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

import entente

ROOT = Path(__file__).resolve().parents[2]
BIN = str(Path(os.environ.get("ENTENTE_BIN", ROOT / "bin" / "entente")).resolve())


def cli_json(*args):
    out = subprocess.run([BIN, *args, "-f", "json"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_concepts_are_those_of_the_program():
    names = [c["name"] for c in entente.concepts()]
    assert len(names) == len(set(names))
    helptext = subprocess.run([BIN, "solve", "--help"], capture_output=True, text=True).stdout
    listed = [line.split()[0] for line in helptext.split("concepts:\n")[1].splitlines() if line.strip()]
    solve_names = [c["name"] for c in entente.concepts() if "coalition" not in c["kinds"]]
    assert listed == solve_names
    defaults = [line.split()[0] for line in helptext.split("concepts:\n")[1].splitlines()
                if line.rstrip().endswith("*")]
    assert defaults == [c["name"] for c in entente.concepts() if c["default"] and "coalition" not in c["kinds"]]
    assert {"core", "nucleolus", "shapley", "banzhaf", "power", "cartel"} <= set(names)


def test_game_from_nested_lists_keeps_the_indexing():
    # a[i][j][k]: player 1 plays i, player 2 j, player 3 k
    a = [[[100 * i + 10 * j + k for k in range(4)] for j in range(3)] for i in range(2)]
    g = entente.Game.from_payoffs([a, a, a])
    assert g.shape == (2, 3, 4)
    for i in range(2):
        for j in range(3):
            for k in range(4):
                assert g.payoff(0, (i, j, k)) == 100 * i + 10 * j + k


def test_game_from_numpy_equals_game_from_lists():
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(7)
    arrays = [rng.integers(-5, 6, size=(3, 2, 2)).astype(float) for _ in range(3)]
    g1 = entente.Game.from_payoffs(arrays)
    g2 = entente.Game.from_payoffs([x.tolist() for x in arrays])
    for idx in np.ndindex(3, 2, 2):
        for p in range(3):
            assert g1.payoff(p, idx) == arrays[p][idx] == g2.payoff(p, idx)
    r1 = entente.solve(g1, "pure,enumpoly")
    r2 = entente.solve(g2, "pure,enumpoly")
    assert r1.data == r2.data


def test_matching_pennies_mixed_equilibrium():
    g = entente.Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
                              players=["Even", "Odd"], strategies=[["H", "T"], ["H", "T"]])
    rows = entente.solve(g, "nash").table("equilibria", frame=False)
    assert len(rows) == 1
    # columns number players and strategies from 1 (labels: table strategy_labels)
    assert [rows[0][f"prob:{p}:{s}"] for p in (1, 2) for s in (1, 2)] == [0.5] * 4
    assert rows[0]["payoff:1"] == 0


def test_scenario_parameters_move_the_mixed_equilibrium():
    # chicken: against a driver going straight with probability q, swerving gives -q and
    # going straight 1 - q(1 + c): indifferent at q = 1/c
    for c in (4, 10, 20):
        s = entente.Scenario(str(ROOT / "configs/classic/chicken.cfg")).set(crash_cost=c)
        assert s.params["crash_cost"] == c
        rows = entente.solve(s, "nash").table("equilibria", frame=False)
        mixed = [r for r in rows if 0 < r["prob:1:2"] < 1]
        assert len(mixed) == 1
        q = Fraction(mixed[0]["prob:2:2"]).limit_denominator(1000)
        assert q == Fraction(1, c)


def test_coalition_power_of_eec_1958():
    r = entente.coalition(ROOT / "tests/data/coop/eec1958.cfg", "power")
    rows = r.table(frame=False)
    got = {x["member"]: (x["ss_power"], x["bz_power"]) for x in rows}
    for m, ss, bz in [("FR", 14, 5), ("DE", 14, 5), ("IT", 14, 5), ("BE", 9, 3), ("NL", 9, 3), ("LU", 0, 0)]:
        assert got[m][0] == pytest.approx(ss / 60, abs=1e-11)
        assert got[m][1] == pytest.approx(bz / 21, abs=1e-11)


def test_errors_raise_with_the_programs_message():
    g = entente.Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(entente.EntenteError) as e:
        entente.solve(g, "pure,bogus")
    assert e.value.status == -13 and str(e.value) == "unknown concept 'bogus'"
    with pytest.raises(entente.EntenteError) as e:
        entente.solve(g, "nash", threads=0)
    assert "threads" in str(e.value)
    with pytest.raises(entente.EntenteError) as e:
        entente.Scenario(str(ROOT / "configs/classic/chicken.cfg")).set(crash_cots=3)
    assert "crash_cost" in str(e.value)  # the nearest name is suggested
    with pytest.raises(ValueError):
        entente.Game.from_payoffs([[[1, 2]], [[1, 2], [3, 4]]])


def test_tables_as_dataframes_or_lists():
    g = entente.Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    r = entente.solve(g, "pure")
    try:
        import pandas  # noqa: F401
    except ImportError:
        assert isinstance(r.table(), list)
        with pytest.raises(ImportError):
            r.table(frame=True)
    else:
        df = r.table()
        assert list(df["outcome"]) == ["2 / 2"]


CASES = [
    ["solve", "tests/known/pd.nfg"],
    ["solve", "tests/known/bos.nfg", "-c", "nash,correlated,qre"],
    ["solve", "tests/known/coord3.nfg", "-c", "pure,enumpoly,dominance,strong,pareto"],
    ["solve", "tests/known/mp.nfg", "-c", "zerosum,maxmin,cce"],
    ["solve", "tests/known/bos.nfg", "-c", "bargaining"],
    ["solve", "configs/classic/chicken.cfg", "-c", "pure,nash,gmcr", "--set", "crash_cost=4"],
    ["solve", "configs/ukraine-2025.cfg"],
    ["solve", "tests/data/efg/entry.efg"],
    ["solve", "tests/data/efg/kuhn.efg", "-c", "seqform"],
    ["coalition", "tests/data/coop/eec1958.cfg"],
    ["coalition", "configs/classic/prisoners-dilemma.cfg", "--derive", "alpha"],
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(a) for a in CASES])
def test_same_json_as_the_program(args):
    want = cli_json(*args)
    path = str(ROOT / args[1])
    opts = {"input": args[1]}
    rest = args[2:]
    concepts = None
    sets = {}
    while rest:
        flag, value, rest = rest[0], rest[1], rest[2:]
        if flag == "-c":
            concepts = value
        elif flag == "--set":
            k, v = value.split("=")
            sets[k] = float(v)
        else:
            opts[flag.lstrip("-")] = value
    if args[0] == "coalition":
        s = entente.Scenario(path)
        got = entente.coalition(s, concepts, **opts).data
    elif path.endswith(".cfg"):
        s = entente.Scenario(path).set(**sets)
        got = entente.solve(s, concepts, **opts).data
    elif path.endswith(".efg"):
        got = entente.solve(entente.Tree(path), concepts, **opts).data
    else:
        got = entente.solve(entente.Game.read_nfg(path), concepts, **opts).data
    # the scenario's path is as the program was given it; the library keeps the absolute one
    for d in (want, got):
        d.pop("scenario", None)
    # provenance: the program adds its command line and a game file's SHA-256; every
    # other entry (version, parameters, concepts, seed, samples, date) must agree
    pw, pg = want.pop("provenance"), got.pop("provenance")
    assert pw.pop("command").startswith("entente " + args[0])
    pw.pop("input"), pg.pop("input")
    if not path.endswith(".cfg"):
        import hashlib
        assert pw.pop("sha256") == hashlib.sha256(open(path, "rb").read()).hexdigest()
    assert pg == pw
    assert got == want
