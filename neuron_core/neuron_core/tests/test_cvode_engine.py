"""CVode (global variable step) on the engine, against numbers from NEURON 9.0.2.

The mechanisms are hand-written against the ABI with variable-step forms (ode_spec,
ode_matsol) written as nocmodl writes them for hh.mod (cnexp), stim.mod (at_time) and
expsyn.mod, so the integrator sees the same f as NEURON with `usetable_hh = 0`.
The reference numbers were produced by NEURON 9.0.2 running the same models with its own
hh, IClamp, ExpSyn and NetStim (noise 0)."""
import gc
import math
import os
import subprocess

import numpy as np
import pytest

MECHS_C = r"""
#include <math.h>
#include "nrn_mech_abi.h"
static const nrn_api* api;
#define P(c) p[(c) * s + i]

static double vtrap(double x, double y) {
    return fabs(x / y) < 1e-6 ? y * (1 - x / y / 2) : x / (exp(x / y) - 1);
}
static void rates(double* p, int s, int i, double v, double celsius) {
    double q10 = pow(3.0, (celsius - 6.3) / 10.0);
    double a = .1 * vtrap(-(v + 40), 10), b = 4 * exp(-(v + 65) / 18), sum = a + b;
    P(10) = 1 / (q10 * sum); P(7) = a / sum;
    a = .07 * exp(-(v + 65) / 20); b = 1 / (exp(-(v + 35) / 10) + 1); sum = a + b;
    P(11) = 1 / (q10 * sum); P(8) = a / sum;
    a = .01 * vtrap(-(v + 55), 10); b = .125 * exp(-(v + 65) / 80); sum = a + b;
    P(12) = 1 / (q10 * sum); P(9) = a / sum;
}
static double hh_i(double* p, int s, int i, double v, double ena, double ek, double* ina, double* ik) {
    P(4) = P(0) * P(13) * P(13) * P(13) * P(14);
    *ina = P(4) * (v - ena);
    P(5) = P(1) * P(15) * P(15) * P(15) * P(15);
    *ik = P(5) * (v - ek);
    P(6) = P(2) * (v - P(3));
    return *ina + *ik + P(6);
}
static void hh_cur(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride; double** pp = m->pp;
    for (int i = 0; i < m->n; ++i) {
        int nd = m->node[i];
        double v = c->v[nd], ena = *pp[0 * s + i], ek = *pp[3 * s + i], ina1, ik1, ina, ik;
        double g = hh_i(p, s, i, v + .001, ena, ek, &ina1, &ik1);
        double r = hh_i(p, s, i, v, ena, ek, &ina, &ik);
        *pp[2 * s + i] += (ina1 - ina) / .001;
        *pp[5 * s + i] += (ik1 - ik) / .001;
        *pp[1 * s + i] += ina;
        *pp[4 * s + i] += ik;
        c->rhs[nd] -= r;
        c->d[nd] += (g - r) / .001;
    }
}
static void hh_init(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        rates(p, s, i, c->v[m->node[i]], c->celsius);
        P(13) = P(7); P(14) = P(8); P(15) = P(9);
    }
}
static void hh_spec(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        rates(p, s, i, c->v[m->node[i]], c->celsius);
        for (int k = 0; k < 3; ++k) P(16 + k) = (P(7 + k) - P(13 + k)) / P(10 + k);
    }
}
static void hh_matsol(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        rates(p, s, i, c->v[m->node[i]], c->celsius);
        for (int k = 0; k < 3; ++k) P(16 + k) = P(16 + k) / (1. - c->dt * ((-1.0) / P(10 + k)));
    }
}
static const char hh_meta[] = "{\"name\":\"cvhh\",\"kind\":\"density\",\"suffix\":\"cvhh\","
 "\"columns\":[{\"name\":\"gnabar\",\"col\":0,\"kind\":\"parameter\",\"default\":0.12},"
 "{\"name\":\"gkbar\",\"col\":1,\"kind\":\"parameter\",\"default\":0.036},"
 "{\"name\":\"gl\",\"col\":2,\"kind\":\"parameter\",\"default\":0.0003},"
 "{\"name\":\"el\",\"col\":3,\"kind\":\"parameter\",\"default\":-54.3},"
 "{\"name\":\"gna\",\"col\":4},{\"name\":\"gk\",\"col\":5},{\"name\":\"il\",\"col\":6},"
 "{\"name\":\"minf\",\"col\":7},{\"name\":\"hinf\",\"col\":8},{\"name\":\"ninf\",\"col\":9},"
 "{\"name\":\"mtau\",\"col\":10},{\"name\":\"htau\",\"col\":11},{\"name\":\"ntau\",\"col\":12},"
 "{\"name\":\"m\",\"col\":13,\"kind\":\"state\"},{\"name\":\"h\",\"col\":14,\"kind\":\"state\"},"
 "{\"name\":\"n\",\"col\":15,\"kind\":\"state\"},{\"name\":\"Dm\",\"col\":16,\"kind\":\"dstate\",\"range\":false},"
 "{\"name\":\"Dh\",\"col\":17,\"kind\":\"dstate\",\"range\":false},{\"name\":\"Dn\",\"col\":18,\"kind\":\"dstate\",\"range\":false}],"
 "\"states\":[\"m\",\"h\",\"n\"],"
 "\"slots\":[{\"name\":\"ena\",\"kind\":\"ion\",\"ion\":\"na\",\"var\":\"e\"},"
 "{\"name\":\"ina\",\"kind\":\"ion\",\"ion\":\"na\",\"var\":\"cur\"},"
 "{\"name\":\"dina\",\"kind\":\"ion\",\"ion\":\"na\",\"var\":\"dcurdv\"},"
 "{\"name\":\"ek\",\"kind\":\"ion\",\"ion\":\"k\",\"var\":\"e\"},"
 "{\"name\":\"ik\",\"kind\":\"ion\",\"ion\":\"k\",\"var\":\"cur\"},"
 "{\"name\":\"dik\",\"kind\":\"ion\",\"ion\":\"k\",\"var\":\"dcurdv\"}],"
 "\"ions\":[{\"name\":\"na\",\"read\":[\"ena\"],\"write\":[\"ina\"]},{\"name\":\"k\",\"read\":[\"ek\"],\"write\":[\"ik\"]}],"
 "\"functions\":[]}";
static nrn_mech_desc hh_desc = {NRN_MECH_ABI_VERSION, "cvhh", hh_meta, 0, 0, hh_init, hh_cur, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, hh_spec, hh_matsol};

static void pas_cur(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        int nd = m->node[i];
        double v = c->v[nd];
        double i1 = P(0) * (v + .001 - P(1));
        P(2) = P(0) * (v - P(1));
        c->rhs[nd] -= P(2);
        c->d[nd] += (i1 - P(2)) / .001;
    }
}
static const char pas_meta[] = "{\"name\":\"cvpas\",\"kind\":\"density\",\"suffix\":\"cvpas\",\"columns\":["
 "{\"name\":\"g\",\"col\":0,\"kind\":\"parameter\",\"default\":0.001},"
 "{\"name\":\"e\",\"col\":1,\"kind\":\"parameter\",\"default\":-70},{\"name\":\"i\",\"col\":2}]}";
static nrn_mech_desc pas_desc = {NRN_MECH_ABI_VERSION, "cvpas", pas_meta, 0, 0, 0, pas_cur, 0};

static void iclamp_cur(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        int nd = m->node[i];
        api->at_time(c, P(0));
        api->at_time(c, P(0) + P(1));
        P(3) = (c->t < P(0) + P(1) && c->t >= P(0)) ? P(2) : 0.0;
        api->electrode_current(c, nd, P(3) * (1.e2 / c->area[nd]), 0.0);
    }
}
static void iclamp_init(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) { P(3) = 0; }
}
static const char iclamp_meta[] = "{\"name\":\"cvIClamp\",\"kind\":\"point\",\"electrode_current\":true,\"columns\":["
 "{\"name\":\"del\",\"col\":0,\"kind\":\"parameter\"},{\"name\":\"dur\",\"col\":1,\"kind\":\"parameter\"},"
 "{\"name\":\"amp\",\"col\":2,\"kind\":\"parameter\"},{\"name\":\"i\",\"col\":3}]}";
static nrn_mech_desc iclamp_desc = {NRN_MECH_ABI_VERSION, "cvIClamp", iclamp_meta, 0, 0, iclamp_init,
    iclamp_cur, 0};

static void syn_cur(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        int nd = m->node[i];
        double v = c->v[nd], f = 100. / c->area[nd];
        double i1 = P(3) * (v + .001 - P(1));
        P(2) = P(3) * (v - P(1));
        c->rhs[nd] -= P(2) * f;
        c->d[nd] += (i1 - P(2)) / .001 * f;
    }
}
static void syn_init(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) { P(3) = 0; }
}
static void syn_spec(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) { P(4) = -P(3) / P(0); }
}
static void syn_matsol(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) { P(4) = P(4) / (1. - c->dt * ((-1.0) / P(0))); }
}
static void syn_nr(nrn_ctx* c, nrn_mech* m, int i, double* w, double flag) {
    double* p = m->p; int s = m->stride;
    P(3) += w[0];
}
static const char syn_meta[] = "{\"name\":\"cvExpSyn\",\"kind\":\"point\",\"columns\":["
 "{\"name\":\"tau\",\"col\":0,\"kind\":\"parameter\",\"default\":0.1},"
 "{\"name\":\"e\",\"col\":1,\"kind\":\"parameter\",\"default\":0},{\"name\":\"i\",\"col\":2},"
 "{\"name\":\"g\",\"col\":3,\"kind\":\"state\"},{\"name\":\"Dg\",\"col\":4,\"kind\":\"dstate\",\"range\":false}],"
 "\"states\":[\"g\"],\"net_receive\":{\"nargs\":1,\"args\":[\"weight\"]}}";
static nrn_mech_desc syn_desc = {NRN_MECH_ABI_VERSION, "cvExpSyn", syn_meta, 0, 0, syn_init,
    syn_cur, 0, 0, syn_nr, 0, 0, 0, 0, 0, 0, 0, 0, syn_spec, syn_matsol};

static void stim_init(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        P(3) = 0;
        if (P(2) > 0) api->net_send(c, m, i, 0, P(0), 1.0);
    }
}
static void stim_nr(nrn_ctx* c, nrn_mech* m, int i, double* w, double flag) {
    double* p = m->p; int s = m->stride;
    if (flag == 1.0) {
        api->net_event(c, m, i, c->t);
        P(3) += 1;
        if (P(3) < P(2)) api->net_send(c, m, i, w, P(1), 1.0);
    }
}
static const char stim_meta[] = "{\"name\":\"cvStim\",\"kind\":\"artificial\",\"columns\":["
 "{\"name\":\"start\",\"col\":0,\"kind\":\"parameter\",\"default\":1},"
 "{\"name\":\"interval\",\"col\":1,\"kind\":\"parameter\",\"default\":2},"
 "{\"name\":\"number\",\"col\":2,\"kind\":\"parameter\",\"default\":3},"
 "{\"name\":\"count\",\"col\":3}],\"net_receive\":{\"nargs\":1,\"args\":[\"w\"]}}";
static nrn_mech_desc stim_desc = {NRN_MECH_ABI_VERSION, "cvStim", stim_meta, 0, 0, stim_init, 0, 0,
    0, stim_nr};

static const nrn_mech_desc* all[] = {&hh_desc, &pas_desc, &iclamp_desc, &syn_desc, &stim_desc};
const nrn_mech_desc* const* nrn_mech_lib_init(const nrn_api* a, int* count) {
    api = a;
    *count = 5;
    return all;
}
"""

# NEURON 9.0.2 (hh usetable 0, IClamp, ExpSyn, NetStim noise 0), see the module docstring
REF_SOMA_T = [0.0, 0.022057838674944343, 0.044115677349888686, 0.09388507029473221,
              0.14365446323957573, 0.19342385618441926]
REF_SOMA_NSTEP = 313
REF_SOMA_SPIKE = {1: 2.1523608883381438, 2: 2.148473273102762}
REF_SOMA_V8 = -74.59030397790387
REF_SOMA_M8 = 0.01597796991835798
REF_NET_NSTEP = 566
REF_NET_V = [-65.0, -60.096801519680064, 26.30426434071234, -69.25581290855536,
             -69.62602898446386]          # soma v every 8th 0.25 ms sample
REF_NET_G = [0.0, 0.007788007833367149, 0.0028650479703567866, 0.005777657789193918,
             0.009913489355686695]
REF_NET_VEND = -58.04515303164036


@pytest.fixture(scope="module")
def cvmechs(tmp_path_factory):
    import neuron_core
    from neuron_core.mechanisms import registry
    if "cvhh" not in registry.types:
        d = tmp_path_factory.mktemp("cvabi")
        src = d / "cvmechs.c"
        src.write_text(MECHS_C)
        out = d / "libcvmechs.so"
        subprocess.run([os.environ.get("CC", "cc"), "-O2", "-shared", "-fPIC", "-I",
                        neuron_core.get_include(), str(src), "-o", str(out), "-lm"], check=True)
        neuron_core.load_library_file(str(out))
    return registry


@pytest.fixture
def fresh(cvmechs):
    """No sections left from other tests; CVode off afterwards."""
    import neuron_core as nc
    from neuron_core.cvode import CVode

    def clear():
        for s in list(nc.model.sections()):
            nc.builtins.delete_section(s)
        gc.collect()
        # artificial cells outlive their Python objects in this engine: silence the test
        # stimulators of earlier tests (number = 0 sends nothing at finitialize)
        stim = cvmechs.types.get("cvStim")
        if stim is not None and stim.nalive:
            stim.data[stim.by_name["number"].col, :] = 0
    clear()
    yield CVode()
    CVode().active(0)
    CVode().condition_order(1)
    CVode().atol(1e-3)
    CVode().jacobian(0)
    CVode().use_local_dt(0)
    clear()
    CVode().use_daspk(0)          # after the sections: it is not optional with extracellular


def _soma(nc_module):
    from neuron_core import Section
    s = Section(name="soma")
    s.L = s.diam = 20
    s.insert("cvhh")
    return s


def _pp(name, seg):
    from neuron_core.builtins import lookup
    return lookup(name)(seg)


def _vec():
    from neuron_core.vector import Vector
    return Vector()


def _t_ref():
    from neuron_core.builtins import VARIABLES
    return VARIABLES["t"].ref()


@pytest.mark.parametrize("order", [1, 2])
def test_soma_iclamp_matches_neuron_step_by_step(fresh, order):
    """Same steps as NEURON to the last bits: at_time restarts, thresholds, solve(tout)."""
    import neuron_core
    from neuron_core import NetCon
    cv = fresh
    s = _soma(neuron_core)
    st = _pp("cvIClamp", s(0.5))
    st.delay, st.dur, st.amp = 1, 3, 0.3
    cv.active(1)
    cv.atol(1e-5)
    cv.condition_order(order)
    tv = _vec().record(_t_ref())
    spk = _vec()
    nc = NetCon(s(0.5)._ref_v, None, sec=s)
    nc.threshold = 0
    nc.record(spk)
    neuron_core.finitialize(-65)
    cv.solve(8)
    t = tv.as_numpy()
    assert len(t) == REF_SOMA_NSTEP
    assert np.allclose(t[:6], REF_SOMA_T, rtol=0, atol=1e-15)
    assert list(spk) == pytest.approx([REF_SOMA_SPIKE[order]], abs=1e-9)
    assert neuron_core.model.t == 8.0
    assert s(0.5).v == pytest.approx(REF_SOMA_V8, abs=1e-8)
    assert s(0.5).cvhh.m == pytest.approx(REF_SOMA_M8, abs=1e-10)
    st_ = cv._stats()
    assert st_["ts_inits"] == 2          # restarts just after del and del + dur
    assert st_["neq"] == 4


def test_synaptic_events_and_dt_records_match_neuron(fresh):
    """Events at their exact times with re-initialization; Vector.record(ref, Dt) samples by
    interpolation; zero-area node voltages solved algebraically."""
    import neuron_core
    from neuron_core import NetCon, Section
    cv = fresh
    soma = _soma(neuron_core)
    dend = Section(name="dend")
    dend.connect(soma(1))
    dend.L, dend.diam, dend.nseg = 200, 1, 4
    dend.insert("cvpas")
    syn = _pp("cvExpSyn", dend(0.7))
    syn.tau = 2
    from neuron_core.builtins import lookup
    stim = lookup("cvStim")()
    stim.start, stim.interval, stim.number = 1, 3, 3
    nc = NetCon(stim, syn)
    nc.delay = 0.5
    nc.weight[0] = 0.01
    cv.active(1)
    cv.atol(1e-5)
    vr = _vec().record(soma(0.5)._ref_v, 0.25)
    gr = _vec().record(syn._ref_g, 0.25)
    tv = _vec().record(_t_ref())
    neuron_core.finitialize(-65)
    cv.solve(10)
    assert len(tv) == REF_NET_NSTEP
    v = vr.as_numpy()
    g = gr.as_numpy()
    assert len(v) == 40 and len(g) == 40
    assert np.allclose(v[::8], REF_NET_V, rtol=0, atol=1e-7)
    assert np.allclose(g[::8], REF_NET_G, rtol=0, atol=1e-12)
    assert dend(0.9).v == pytest.approx(REF_NET_VEND, abs=1e-7)
    # the stop at tout interpolates back: t is exactly tout
    assert neuron_core.model.t == 10.0


def test_fadvance_is_one_step_and_run_until_stops_at_tstop(fresh):
    import neuron_core
    cv = fresh
    s = _soma(neuron_core)
    cv.active(1)
    tv = _vec().record(_t_ref())
    neuron_core.finitialize(-65)
    assert len(tv) == 0                      # under CVode the t = 0 sample comes with step 1
    neuron_core.fadvance()
    t1 = neuron_core.model.t
    assert t1 > 0 and neuron_core.model.dt == pytest.approx(t1)
    neuron_core.fadvance()
    assert list(tv) == [0.0, t1]
    neuron_core.run_until(5)
    assert neuron_core.model.t == 5.0
    assert tv.as_numpy()[-1] == 5.0          # the stop event records at tstop


def test_states_dstates_and_f_agree(fresh):
    import neuron_core
    cv = fresh
    s = _soma(neuron_core)
    cv.active(1)
    neuron_core.finitialize(-60)
    y, yd, yd2 = _vec(), _vec(), _vec()
    cv.states(y)
    cv.dstates(yd)
    assert len(y) == 4 and y[0] == -60.0
    cv.f(0.0, y, yd2)
    assert np.allclose(yd.as_numpy(), yd2.as_numpy(), rtol=1e-12, atol=0)
    # dv/dt = -i_ion / cm at a single compartment
    i = s(0.5).cvhh.gna * (-60 - 50) + s(0.5).cvhh.gk * (-60 + 77) + 0.0003 * (-60 + 54.3)
    assert yd2[0] == pytest.approx(-i / 1e-3, rel=1e-9)


def test_continuous_play_restarts_at_its_samples_and_discrete_play(fresh):
    """A continuous Vector.play is evaluated inside f; each of its sample times restarts the
    integrator (its kinks are seen exactly), as NEURON's play events do."""
    import neuron_core
    cv = fresh
    s = _soma(neuron_core)
    st = _pp("cvIClamp", s(0.5))
    st.delay, st.dur = 0, 1e9
    tvec = _vec()
    amp = _vec()
    for t, a in ((0, 0), (1, 0), (1.5, 0.05), (3, 0.05), (3.5, 0)):
        tvec.append(t)
        amp.append(a)
    amp.play(st._ref_amp, tvec, 1)
    rec = _vec().record(st._ref_i, 0.125)
    cv.active(1)
    cv.atol(1e-5)
    neuron_core.finitialize(-65)
    cv.solve(4)
    i = rec.as_numpy()
    tt = np.arange(len(i)) * 0.125
    expected = np.interp(tt, tvec.as_numpy(), amp.as_numpy())
    past = tt > 3.5  # past the last sample NEURON extrapolates the last segment
    expected[past] = 0.05 + (0.0 - 0.05) * (tt[past] - 3.0) / 0.5
    assert np.allclose(i, expected, atol=1e-12)
    assert cv._stats()["init"] >= 5


def test_bad_input_raises(fresh):
    from neuron_core.errors import NeuronError
    cv = fresh
    for bad in (0, -1e-3):
        with pytest.raises(NeuronError):
            cv.atol(bad)
    with pytest.raises(NeuronError):
        cv.rtol(-1)
    with pytest.raises(NeuronError):
        cv.atolscale("m_cvhh", 0)
    with pytest.raises(NeuronError):
        cv.maxorder(7)
    with pytest.raises(NeuronError):
        cv.dae_init_dteps(0)
    with pytest.raises(NeuronError):
        cv.dae_init_dteps(1e-9, 12)
    with pytest.raises(NeuronError):
        cv.jacobian(3)


def test_mechanism_without_variable_step_form_is_refused(fresh, testmechs):
    """thh (the engine tests' hh) has STATEs but no ode_spec: CVode must refuse it rather
    than leave its states frozen.  As NEURON, switching CVode on is accepted and
    finitialize reports it."""
    import neuron_core
    from neuron_core import Section
    from neuron_core.errors import NeuronError
    s = Section(name="x")
    s.insert("thh")
    fresh.active(1)
    with pytest.raises(NeuronError, match="does not work with CVODE"):
        neuron_core.finitialize(-65)
    fresh.active(0)
    neuron_core.finitialize(-65)   # the fixed step still runs the model


def test_local_step_matches_neuron(fresh):
    """use_local_dt: each cell on its own steps; a spike of cell 0 reaches cell 1 through a
    NetCon (cell 1 interpolates back and restarts); per-cell CVode.record times."""
    import neuron_core
    from neuron_core import NetCon, Section
    cv = fresh
    cells = [_soma(neuron_core), _soma(neuron_core)]
    st = _pp("cvIClamp", cells[0](0.5))
    st.delay, st.dur, st.amp = 1, 0.5, 0.5
    syn = _pp("cvExpSyn", cells[1](0.5))
    syn.tau = 2
    nc = NetCon(cells[0](0.5)._ref_v, syn, sec=cells[0])
    nc.threshold, nc.delay = 0, 1
    nc.weight[0] = 0.05
    cv.active(1)
    cv.use_local_dt(1)
    cv.atol(1e-5)
    spk = []
    for s in cells:
        v = _vec()
        n = NetCon(s(0.5)._ref_v, None, sec=s)
        n.threshold = 0
        n.record(v)
        spk.append((v, n))
    y1, t1 = _vec(), _vec()
    cv.record(cells[1](0.5)._ref_v, y1, t1)
    vd = _vec().record(cells[1](0.5)._ref_v, 0.5)
    try:
        neuron_core.finitialize(-65)
        cv.solve(10)
        assert [list(v) for v, n in spk] == [[pytest.approx(1.9806157821130106, abs=1e-9)],
                                             [pytest.approx(3.380646922478449, abs=1e-9)]]
        assert len(t1) == 263
        assert np.allclose(t1.as_numpy()[:5], [0.0, 0.023323324741900808, 0.046646649483801615,
                                               0.14171167939785348, 0.23677670931190534],
                           rtol=0, atol=1e-14)
        assert np.allclose(vd.as_numpy()[::4], [-65.0, -64.95940448925712, 28.875419251565503,
                                                -61.81993576044391, -70.90900707675173,
                                                -70.6300215398739], rtol=0, atol=1e-7)
        assert cv._stats(0)["ts_inits"] == 2 and cv._stats(1)["advance_tn"] == 261
    finally:
        cv.use_local_dt(0)


def test_ode_block_states_are_integrated_with_the_cells(fresh):
    """An ODE block (the interface reaction-diffusion uses): its states join y after the
    mechanism states, its f runs in every f(y) and its solve in every Newton solve."""
    import neuron_core
    from neuron_core.engine import ffi, lib
    cv = fresh
    k = np.array([0.5, 3.0])           # 1/ms
    state = {"c": np.array([1.0, 2.0]), "nfun": 0, "nsolve": 0}

    @ffi.callback("int(void*)")
    def count(data):
        return 2

    @ffi.callback("void(void*, double*)")
    def states(data, y):
        y[0], y[1] = state["c"]

    @ffi.callback("int(void*, double, double*, double*)")
    def fun(data, t, y, ydot):
        state["nfun"] += 1
        state["c"] = np.array([y[0], y[1]])
        ydot[0], ydot[1] = -k * state["c"]
        return 0

    @ffi.callback("int(void*, double, double*, double*)")
    def solve(data, gamma, b, y):
        state["nsolve"] += 1
        b[0] /= 1 + gamma * k[0]
        b[1] /= 1 + gamma * k[1]
        return 0

    blk = ffi.new("nrn_cvode_block*")
    blk.count, blk.states, blk.fun, blk.solve = count, states, fun, solve
    from neuron_core.variable_step import controller
    bid = lib.nrn_cvode_block_register(blk)
    controller.blocks_changed()
    try:
        s = _soma(neuron_core)
        cv.active(1)
        cv.atol(1e-8)
        neuron_core.finitialize(-65)
        y = _vec()
        cv.states(y)
        assert len(y) == 6 and list(y)[4:] == [1.0, 2.0]
        cv.solve(2.0)
        assert state["c"] == pytest.approx([math.exp(-1.0), 2 * math.exp(-6.0)], rel=1e-4)
        assert state["nfun"] > 10 and state["nsolve"] > 10
    finally:
        lib.nrn_cvode_block_unregister(bid)
        controller.blocks_changed()
