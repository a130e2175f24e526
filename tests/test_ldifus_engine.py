"""LONGITUDINAL_DIFFUSION through the engine, against NEURON 9.0.2.

The models of data/ldifus/model.py (a branched tree with a cadifus-style calcium mechanism,
a calcium current and an ion-free diffusing state; a second cell with 3-D points) are run
by this implementation in a fresh process and compared with what NEURON printed for the
same runs (data/ldifus/reference.json, made by data/ldifus/make_reference.py): the fixed
step (also with secondorder 2 and with L, rallbranch, nseg and the tree changed between
steps) to round-off; the variable step (global, local, IDA) closely until the first spike,
where the two integrators' step choices part, and to the tolerance afterwards.
"""
import json
import os

import numpy as np
import pytest

from .fresh_process import run_python

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data", "ldifus")
REF = json.load(open(os.path.join(DATA, "reference.json")))
MODS = [os.path.join(DATA, f) for f in ("cachn.mod", "cadifs.mod", "ldsimple.mod")]


def mech_library():
    from neuron_nmodl.build import compile_mod_files
    return compile_mod_files(MODS)


def run_in_fresh_process(code: str) -> str:
    r = run_python(code, DATA)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def results():
    code = """
import json, sys
import neuron_core
neuron_core.load_library_file(%r)
from neuron import h
import model
out = {}
for mode in %r:
    out[mode] = model.run(h, mode)
    assert len(list(h.allsec())) == 0, "sections left over"
print("RESULT " + json.dumps(out))
""" % (mech_library(), sorted(REF))
    out = run_in_fresh_process(code)
    line = [x for x in out.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


def compare(got, want, t_until=None):
    worst = 0.0
    for g, w in zip(got, want):
        if t_until is not None and w[0] > t_until + 1e-9:
            break
        g, w = np.array(g), np.array(w)
        assert g.shape == w.shape
        # the magnitude below which differences count absolutely: v (mV) 10, cai, ca[3] and
        # CaBuffer[0] (mM) 1e-6, ldsimple's c 1e-4; cell 2's probes have no ldsimple
        fl = np.ones(len(w))
        k = 1
        ncell1 = (len(w) - 1 - 4 * 5) // 5   # cell 2: soma2 (1 segment) + dd (4 segments)
        for p in range(ncell1):
            fl[k:k + 5] = [10.0, 1e-6, 1e-6, 1e-6, 1e-4]
            k += 5
        while k < len(w):
            fl[k:k + 4] = [10.0, 1e-6, 1e-6, 1e-6]
            k += 4
        worst = max(worst, float(np.max(np.abs(g - w) / np.maximum(np.abs(w), fl))))
    return worst


@pytest.mark.parametrize("mode", ["fixed", "fixed2", "changes"])
def test_fixed_step_matches_neuron(results, mode):
    assert len(results[mode]) == len(REF[mode])
    assert compare(results[mode], REF[mode]) < 1e-11


@pytest.mark.parametrize("mode", ["cvode", "local", "daspk"])
def test_variable_step_matches_neuron(results, mode):
    assert len(results[mode]) == len(REF[mode])
    # the first steps agree to rounding, amplified by the initial step-size estimate
    assert compare(results[mode], REF[mode], t_until=1.0) < 1e-7
    assert compare(results[mode], REF[mode]) < 5e-3


def test_diffusion_is_what_makes_the_difference():
    """Without the engine's ldifus calls the fixed step and CVODE are far from NEURON."""
    code = """
import json
import neuron_core
import neuron_core.ldifus as L
neuron_core.load_library_file(%r)
wire = L.wire
L.wire = lambda b, mechs, c: wire(b, mechs, [])
from neuron import h
import model
print("RESULT " + json.dumps({m: model.run(h, m, 1.0) for m in ("fixed", "cvode")}))
""" % mech_library()
    out = run_in_fresh_process(code)
    res = json.loads([x for x in out.splitlines() if x.startswith("RESULT ")][-1][7:])
    for mode in ("fixed", "cvode"):
        assert compare(res[mode], REF[mode], t_until=1.0) > 1e-3


def test_couplings_follow_neurons_rules():
    """pin/af/bf of cadifs on cell 1 (data/ldifus/model.py lists the cases)."""
    code = """
import json
import neuron_core
neuron_core.load_library_file(%r)
from neuron import h
from neuron_core import ldifus
from neuron_core.model import model as M
from neuron_core.mechanisms import registry
import model
secs, stims = model.build(h)
h.finitialize(-65)
b = M.built
c = ldifus.compute(b, registry.types["cadifs"])
# name each position by section and segment index from the attachment end
where = {}
for name, s in secs.items():
    for j in range(s.nseg):
        where[s._node0 + j] = (name, j)
names = [where[int(nd)] for nd in c.nodes]
out = {"names": names, "pin": [int(p) for p in c.pin], "af": list(c.af), "bf": list(c.bf),
       "perm": c.perm is not None}
print("RESULT " + json.dumps(out))
""" % mech_library()
    out = run_in_fresh_process(code)
    r = json.loads([x for x in out.splitlines() if x.startswith("RESULT ")][-1][7:])
    pos = {tuple(n): k for k, n in enumerate(r["names"])}
    partner = {tuple(n): (tuple(r["names"][p]) if p >= 0 else None)
               for n, p in zip(r["names"], r["pin"])}
    assert all(p < k for k, p in enumerate(r["pin"]))
    assert partner[("soma", 0)] is None
    assert partner[("d1", 0)] == ("soma", 0)        # via the soma's zero-area end node
    assert partner[("d1", 3)] == ("d1", 2)
    assert partner[("d2", 0)] == ("soma", 0)        # on the root node: parent section's first
    assert partner[("d3", 0)] == ("d1", 2)          # on d1(0.5), a segment centre
    assert partner[("d4", 0)] == ("d1", 4)          # d4's 1 end on d1(1)
    assert partner[("d5", 0)] == ("d4", 3)          # d5 on d4's far end
    assert partner[("d7", 0)] is None               # d6 between has no cadifs
    assert partner[("d8", 0)] == ("soma", 0)
    assert partner[("dd", 0)] == ("soma2", 0)
    assert r["perm"]                                # d4's rows are in segment order
    k = pos[("d3", 0)]
    dxc, dxp = 40 / 2, 200 / 5
    assert r["af"][k] == 2 * 2 / dxp / (dxc + dxp)  # rallbranch 2 on d3's first segment
    assert r["bf"][k] == 2 / dxc / (dxc + dxp)
    k = pos[("d3", 1)]
    assert r["af"][k] == 2 * 1 / dxc / (dxc + dxc)


def test_threads_give_the_one_thread_numbers():
    """Two cells on two threads (each thread diffuses its own cells; a section attached by
    its 1 end makes the engine gather the rows in node order per thread)."""
    code = """
import json
import neuron_core
neuron_core.load_library_file(%r)
from neuron import h

def run(nth):
    secs = []
    for c in range(2):
        a, b, d = (h.Section(name="c%%d%%s" %% (c, n)) for n in "abd")
        for s, L, nseg in ((a, 20, 1), (b, 100, 5), (d, 60, 3)):
            s.L, s.nseg, s.diam = L, nseg, 1.5
            s.insert("ldsimple")
            s.insert("pas")
        a.insert("hh")
        b.connect(a(1))
        d.connect(b(1), 1)
        secs += [a, b, d]
    st = h.IClamp(secs[0](0.5))
    st.delay, st.dur, st.amp = 0.2, 2, 0.3
    pc = h.ParallelContext()
    pc.nthread(nth)
    h.finitialize(-65)
    for k, s in enumerate(secs):
        for seg in s:
            seg.ldsimple.c = 0.01 * (k + 1)
    for _ in range(200):
        h.fadvance()
    out = [seg.ldsimple.c for s in secs for seg in s] + [seg.v for s in secs for seg in s]
    pc.nthread(1)
    return out

print("RESULT " + json.dumps([run(1), run(2)]))
""" % mech_library()
    out = run_in_fresh_process(code)
    one, two = json.loads([x for x in out.splitlines() if x.startswith("RESULT ")][-1][7:])
    assert np.max(np.abs(np.array(one) - np.array(two))) < 1e-12
