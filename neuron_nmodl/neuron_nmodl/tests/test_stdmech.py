"""The standard mechanisms against NEURON 9.0.2's numbers (data/stdmech_reference.json,
made by data/make_reference.py): single-compartment cells advanced with NEURON's fixed-step
order by the test harness."""
import json
import math
import os

import numpy as np
import pytest

from .harness import Cell

REF = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                                  "stdmech_reference.json")))
AREA = math.pi * 20 * 20   # L = diam = 20 um


def run(cell, nsteps, sample):
    cell.finitialize(-65)
    out = {k: [] for k in sample}
    for step in range(nsteps + 1):
        if step % 4 == 0:
            for k, fn in sample.items():
                out[k].append(fn())
        if step < nsteps:
            cell.fadvance()
    return {k: np.array(v) for k, v in out.items()}


def check(got, ref, tol):
    for k, v in got.items():
        err = np.max(np.abs(v - np.array(ref[k])))
        assert err < tol.get(k, 1e-9), (k, err)


def test_hh_iclamp(stdlib):
    cell = Cell(stdlib, 1, area=AREA)
    hh = cell.insert("hh")
    st = cell.insert("IClamp")
    st["del"], st["dur"], st["amp"] = 1, 3, 0.3
    got = run(cell, 320, {"v": lambda: cell.ctx.v[0], "m": lambda: hh["m"][0],
                          "h": lambda: hh["h"][0], "n": lambda: hh["n"][0],
                          "ina": lambda: cell.ions["na"]["cur"][0],
                          "ik": lambda: cell.ions["k"]["cur"][0], "i": lambda: st["i"][0]})
    check(got, REF["hh_iclamp"], {"v": 1e-9, "m": 1e-11, "h": 1e-11, "n": 1e-11})


def test_seclamp(stdlib):
    cell = Cell(stdlib, 1, area=AREA)
    cell.insert("pas")
    se = cell.insert("SEClamp")
    for k, x in dict(rs=0.5, dur1=2, amp1=-70, dur2=3, amp2=-20, dur3=2, amp3=-90).items():
        se[k] = x
    got = run(cell, 320, {"v": lambda: cell.ctx.v[0], "i": lambda: se["i"][0],
                          "vc": lambda: se["vc"][0]})
    check(got, REF["pas_seclamp"], {})


def test_vclamp(stdlib):
    cell = Cell(stdlib, 1, area=AREA)
    cell.insert("hh")
    vc = cell.insert("VClamp")
    vc.p[vc.col("dur"):vc.col("dur") + 3, 0] = [2, 3, 2]
    vc.p[vc.col("amp"):vc.col("amp") + 3, 0] = [-65, 0, -80]
    got = run(cell, 320, {"v": lambda: cell.ctx.v[0], "i": lambda: vc["i"][0]})
    check(got, REF["hh_vclamp"], {"v": 1e-9, "i": 1e-7})


@pytest.mark.parametrize("name,setup", [("ExpSyn", dict(tau=2.0)),
                                        ("Exp2Syn", dict(tau1=0.5, tau2=3.0))])
def test_synapses(stdlib, name, setup):
    cell = Cell(stdlib, 1, area=AREA)
    cell.insert("pas")
    syn = cell.insert(name)
    for k, x in setup.items():
        syn[k] = x
    orig = cell.finitialize

    def finit(v=None):
        orig(v)
        cell.send(syn, 0, 1.0, [0.01])
    cell.finitialize = finit
    got = run(cell, 320, {"v": lambda: cell.ctx.v[0], "i": lambda: syn["i"][0]})
    check(got, REF["pas_" + name.lower()], {})


def test_alphasynapse(stdlib):
    cell = Cell(stdlib, 1, area=AREA)
    cell.insert("pas")
    al = cell.insert("AlphaSynapse")
    al["onset"], al["tau"], al["gmax"] = 1, 0.5, 0.01
    got = run(cell, 320, {"v": lambda: cell.ctx.v[0], "i": lambda: al["i"][0]})
    check(got, REF["pas_alphasynapse"], {})


def test_netstim(stdlib):
    cell = Cell(stdlib, 1)
    ns = cell.insert("NetStim", nodes=[-1])
    ns["start"], ns["interval"], ns["number"], ns["noise"] = 1, 2, 4, 0
    cell.finitialize(-65)
    for _ in range(480):
        cell.fadvance()
    assert [t for _, _, t in cell.fired] == REF["netstim_times"]


def test_intfire1(stdlib):
    cell = Cell(stdlib, 1)
    c = cell.insert("IntFire1", nodes=[-1])
    c["tau"], c["refrac"] = 4, 2
    cell.finitialize(-65)
    for t in (1.0, 2.0, 3.0, 3.5, 6.0, 6.5):
        cell.send(c, 0, t, [0.6])
    for _ in range(400):
        cell.fadvance()
    assert [t for _, _, t in cell.fired] == REF["intfire1_times"]


def test_vecstim_replays_a_vector(stdlib):
    cell = Cell(stdlib, 1)
    vs = cell.insert("VecStim", nodes=[-1])
    tvec = np.array([0.5, 1.25, 1.25, 3.0])
    stdlib.call("VecStim", "play", tvec, inst=vs, ctx=cell.ctx.ctx)
    cell.finitialize(-65)
    for _ in range(200):
        cell.fadvance()
    assert [t for _, _, t in cell.fired] == list(tvec)
    stdlib.call("VecStim", "play", inst=vs, ctx=cell.ctx.ctx)   # no argument: stop
    cell.fired.clear()
    cell.finitialize(-65)
    for _ in range(200):
        cell.fadvance()
    assert cell.fired == []


def test_patternstim_sends_the_raster_in_groups(stdlib):
    cell = Cell(stdlib, 1)
    ps = cell.insert("PatternStim", nodes=[-1])
    tvec = 0.5 + 0.1 * np.arange(150)
    gids = np.arange(150) % 7
    stdlib.call("PatternStim", "play", tvec, gids.astype(float), inst=ps, ctx=cell.ctx.ctx)
    stdlib.fake_fired.clear()
    cell.finitialize(-65)
    # the first group (102 spikes) leaves at t = 0, the rest when t reaches the 103rd time
    assert len(stdlib.fake_fired) == 102
    while cell.t < tvec[102] - 0.05:
        cell.fadvance()
    assert len(stdlib.fake_fired) == 102
    for _ in range(3):
        cell.fadvance()
    assert stdlib.fake_fired == [(int(g), t, 0) for g, t in zip(gids, tvec)]
    ps["fake_output"][0] = 1
    stdlib.fake_fired.clear()
    cell.finitialize(-65)
    assert stdlib.fake_fired[0] == (0, 0.5, 1)


def test_hh_metadata_matches_neuron_names(stdlib):
    meta = stdlib.meta("hh")
    rng = [c["name"] for c in meta["columns"] if c["range"]]
    # NEURON 9.0.2 (CoreNEURON-compatible wheel) order of hh's range variables
    assert rng == ["gnabar", "gkbar", "gl", "el", "gna", "gk", "il", "minf", "hinf", "ninf",
                   "mtau", "htau", "ntau", "m", "h", "n"]
    assert [(g["name"], g["default"]) for g in meta["globals"]] == [("usetable", 1.0)]
    assert meta["nonspecific_currents"] == ["il"] and meta["threadsafe"]
    ic = stdlib.meta("IClamp")
    assert [c["name"] for c in ic["columns"] if c["range"]] == ["del", "dur", "amp", "i"]
    assert ic["electrode_current"] and ic["kind"] == "point"
    ns = stdlib.meta("NetStim")
    assert [c["name"] for c in ns["columns"] if c["range"]] == ["interval", "number", "start", "noise"]
    assert ns["kind"] == "artificial" and ns["slots"] == [
        {"name": "ranvar", "kind": "random", "ion": "", "var": ""}]
