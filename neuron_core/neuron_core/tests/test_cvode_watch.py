"""WATCH under the variable step (condition_order 1: at step boundaries; 2: crossing located
by linear interpolation within the step, as NEURON's ConditionEvent), on the ODE and the DAE
form, and CVode.jacobian(2) (CVODE's diagonal solver), against NEURON 9.0.2.

WCount (hand-written here as nocmodl would write it) watches v on its node:
    INITIAL { n = 0  tup = -1  tdown = -1  net_send(0, 1) }
    NET_RECEIVE(w) { if (flag == 1) { WATCH (v > thresh) 2 }
        else if (flag == 2) { n = n + 1  tup = t  WATCH (v < thresh - 10) 3 }
        else if (flag == 3) { tdown = t  WATCH (v > thresh) 2 } }
NEURON's numbers: the same model with its hh (usetable_hh = 0), IClamp and this WCount
compiled by nrnivmodl."""
import os
import subprocess

import numpy as np
import pytest

from .test_cvode_engine import _pp, _t_ref, _vec, cvmechs, fresh  # noqa: F401 (fixtures)

WATCH_C = r"""
#include "nrn_mech_abi.h"
static const nrn_api* api;
#define P(c) p[(c) * s + i]
static double wc_cond(nrn_ctx* c, nrn_mech* m, int i, int k) {
    double* p = m->p; int s = m->stride;
    double v = c->v[m->node[i]];
    return k == 1 ? v - P(0) : (P(0) - 10) - v;
}
static void wc_init(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        P(1) = 0; P(2) = -1; P(3) = -1;
        api->net_send(c, m, i, 0, 0.0, 1.0);
    }
}
static void wc_nr(nrn_ctx* c, nrn_mech* m, int i, double* w, double flag) {
    double* p = m->p; int s = m->stride;
    api->watch_clear(c, m, i);
    if (flag == 1.0) {
        api->watch_activate(c, m, i, 1, 2.0);
    } else if (flag == 2.0) {
        P(1) += 1; P(2) = c->t;
        api->watch_activate(c, m, i, 2, 3.0);
    } else if (flag == 3.0) {
        P(3) = c->t;
        api->watch_activate(c, m, i, 1, 2.0);
    }
}
static const char wc_meta[] = "{\"name\":\"cvWCount\",\"kind\":\"point\",\"columns\":["
 "{\"name\":\"thresh\",\"col\":0,\"kind\":\"parameter\",\"default\":-20},"
 "{\"name\":\"n\",\"col\":1},{\"name\":\"tup\",\"col\":2},{\"name\":\"tdown\",\"col\":3}],"
 "\"net_receive\":{\"nargs\":1,\"args\":[\"w\"]},\"watch_count\":2}";
static nrn_mech_desc wc_desc = {NRN_MECH_ABI_VERSION, "cvWCount", wc_meta, 0, 0, wc_init, 0, 0,
    0, wc_nr, 0, wc_cond};
static const nrn_mech_desc* all[] = {&wc_desc};
const nrn_mech_desc* const* nrn_mech_lib_init(const nrn_api* a, int* count) {
    api = a;
    *count = 1;
    return all;
}
"""

# NEURON 9.0.2: (condition_order, DAE form) -> steps, up-crossings, down-crossings, statistics
# (advance_tn, interpolate, init, ts_inits, f, mx=b)
REF_WATCH = {
    (1, 0): (704, [2.0725528077925963, 13.511674945665174], [4.02541349798893, 15.092645590182563],
             (697, 1, 7, 2, 1684, 958)),
    (1, 1): (760, [2.069279656779914, 13.50748857045327], [4.044980837712459, 15.107169152774297],
             (753, 1, 7, 2, 1552, 791)),
    (2, 0): (682, [2.0672004891173565, 13.498931360674835], [4.014723883202209, 15.064203743636865],
             (675, 5, 7, 2, 1663, 955)),
    (2, 1): (760, [2.0672340102700284, 13.4990518847863], [4.014771351330884, 15.064327170624159],
             (753, 5, 7, 2, 1548, 783)),
}
REF_DIAG_NSTEP = 390
REF_DIAG_T = [0.0, 0.022057838674944343, 0.044115677349888686, 0.09843304608177555,
              0.15275041481366242, 0.20706778354554928]
REF_DIAG_V = -74.5903050384334
REF_DIAG_N = 0.49619904411489846
REF_DIAG_STATS = (387, 1, 3, 2, 1048)


@pytest.fixture(scope="module")
def watchmech(cvmechs, tmp_path_factory):
    import neuron_core
    from neuron_core.mechanisms import registry
    if "cvWCount" not in registry.types:
        d = tmp_path_factory.mktemp("cvwatch")
        src = d / "wcount.c"
        src.write_text(WATCH_C)
        out = d / "libwcount.so"
        subprocess.run([os.environ.get("CC", "cc"), "-O2", "-shared", "-fPIC", "-I",
                        neuron_core.get_include(), str(src), "-o", str(out), "-lm"], check=True)
        neuron_core.load_library_file(str(out))
    return registry


def _stats(cv):
    s = cv._stats()
    return (s["advance_tn"], s["interpolate"], s["init"], s["ts_inits"], s["f"], s["mxb"])


def _crossings(vec):
    return sorted(set(x for x in vec.as_numpy() if x >= 0))


@pytest.mark.parametrize("order,dae", sorted(REF_WATCH))
def test_watch_crossings_match_neuron(fresh, watchmech, order, dae):
    import neuron_core
    from neuron_core import Section
    cv = fresh
    soma = Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("cvhh")
    if dae:
        soma.insert("extracellular")
    st = _pp("cvIClamp", soma(0.5))
    st.delay, st.dur, st.amp = 1, 20, 0.3
    wc = _pp("cvWCount", soma(0.5))
    cv.active(1)
    cv.atol(1e-5)
    cv.condition_order(order)
    tv = _vec().record(_t_ref())
    up = _vec().record(wc._ref_tup)
    down = _vec().record(wc._ref_tdown)
    neuron_core.finitialize(-65)
    cv.solve(25)
    nstep, ups, downs, stats = REF_WATCH[(order, dae)]
    assert wc.n == 2
    if dae:
        # NEURON's DAE solves use its general sparse solver: rounding-level differences,
        # growing at each event; the crossings agree to the tolerance's scale
        assert abs(len(tv) - nstep) <= 0.05 * nstep
        assert _crossings(up) == pytest.approx(ups, abs=2e-3)
        assert _crossings(down) == pytest.approx(downs, abs=2e-3)
        assert _crossings(up)[0] == pytest.approx(ups[0], abs=1e-9 if order == 2 else 1e-3)
    else:
        assert len(tv) == nstep
        assert _crossings(up) == pytest.approx(ups, abs=1e-9)
        assert _crossings(down) == pytest.approx(downs, abs=1e-9)
        assert _stats(cv) == stats


REF_LOCAL_UPS = {1: [[2.0725528077925963, 13.511674945665174],
                     [2.9014086058578306, 13.468523231104507]],
                 2: [[2.0672004891173565, 13.498931360674835],
                     [2.896464888559042, 13.455712655344211]]}


@pytest.mark.parametrize("order", [1, 2])
def test_watch_with_the_local_step_matches_neuron(fresh, watchmech, order):
    """Each cell's watches are checked with its own integrator."""
    import neuron_core
    from neuron_core import Section
    cv = fresh
    cells = []
    for c in range(2):
        soma = Section(name="soma%d" % c)
        soma.L = soma.diam = 20
        soma.insert("cvhh")
        st = _pp("cvIClamp", soma(0.5))
        st.delay, st.dur, st.amp = 1 + c, 20, 0.3 + 0.1 * c
        wc = _pp("cvWCount", soma(0.5))
        cells.append((soma, st, wc, _vec().record(wc._ref_tup)))
    cv.active(1)
    cv.use_local_dt(1)
    cv.atol(1e-5)
    cv.condition_order(order)
    neuron_core.finitialize(-65)
    cv.solve(25)
    for (soma, st, wc, up), ref in zip(cells, REF_LOCAL_UPS[order]):
        assert wc.n == 2
        assert _crossings(up) == pytest.approx(ref, abs=1e-9)
    cv.use_local_dt(0)


def test_watch_under_condition_order_2_fires_inside_steps(fresh, watchmech):
    """Each crossing is an event at its interpolated time: the WATCH's NET_RECEIVE sees that
    t, which is not a step boundary of order 1."""
    import neuron_core
    from neuron_core import Section
    cv = fresh
    soma = Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("cvhh")
    st = _pp("cvIClamp", soma(0.5))
    st.delay, st.dur, st.amp = 1, 20, 0.3
    wc = _pp("cvWCount", soma(0.5))
    cv.active(1)
    cv.atol(1e-5)
    steps = {}
    for order in (1, 2):
        cv.condition_order(order)
        tv = _vec().record(_t_ref())
        neuron_core.finitialize(-65)
        cv.solve(5)
        steps[order] = (tv.as_numpy().copy(), wc.tup)
    t1, tup1 = steps[1]
    t2, tup2 = steps[2]
    assert tup1 in t1                  # order 1: at a step boundary
    assert tup2 < tup1                 # order 2: earlier, inside the step that crossed
    assert cv._stats()["interpolate"] >= 2


def test_diagonal_jacobian_matches_neuron(fresh):
    import neuron_core
    cv = fresh
    from neuron_core import Section
    soma = Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("cvhh")
    st = _pp("cvIClamp", soma(0.5))
    st.delay, st.dur, st.amp = 1, 3, 0.3
    cv.active(1)
    cv.jacobian(2)
    cv.atol(1e-5)
    tv = _vec().record(_t_ref())
    neuron_core.finitialize(-65)
    cv.solve(8)
    t = tv.as_numpy()
    assert len(t) == REF_DIAG_NSTEP
    assert np.allclose(t[:6], REF_DIAG_T, rtol=0, atol=1e-15)
    assert soma(0.5).v == pytest.approx(REF_DIAG_V, abs=1e-9)
    assert soma(0.5).cvhh.n == pytest.approx(REF_DIAG_N, abs=1e-11)
    assert _stats(cv)[:5] == REF_DIAG_STATS
    assert cv.jacobian() == 2
