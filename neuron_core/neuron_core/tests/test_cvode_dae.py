"""CVode in NEURON's DAE form (IDA): models with extracellular, and CVode.use_daspk(1), against
numbers from NEURON 9.0.2 running the same models with its own hh (usetable_hh = 0), IClamp,
ExpSyn and NetStim (noise 0); the mechanisms are test_cvode_engine's hand-written ones.

NEURON solves the DAE's linear systems with its general sparse solver where this engine uses
the tree / extracellular block elimination, so values agree to rounding and the step
sequences to the step (same counts of steps, residuals and solves)."""
import numpy as np
import pytest

from .test_cvode_engine import _pp, _t_ref, _vec, cvmechs, fresh  # noqa: F401 (fixtures)

REF_EXT_NSTEP = 261
REF_EXT_T = [0.0, 0.000999999999999978, 0.001999999999999956, 0.003999999999999912,
             0.007999999999999823, 0.015999999999999646]
REF_EXT_SPIKE = {1: 2.7449019503847607, 2: 2.7422660053207606}
REF_EXT_END = {"v_soma": -76.077472781640708, "vext0_ax": 8.2456384003654878e-06,
               "imem_ax": 8.2549409868346415e-05, "m_ax": 0.014125522575510033}
REF_EXT_STATS = {1: (258, 1, 3, 2, 532, 270), 2: (258, 3, 3, 2, 534, 270)}

REF_DASPK_NSTEP = 651
REF_DASPK_T = [0.0, 1.5491780351601313e-06, 3.0983560703202627e-06, 6.196712140640525e-06,
               1.239342428128105e-05, 2.47868485625621e-05]
REF_DASPK_V = [-64.99999999993935, -60.09680503052833, 26.30442111482608, -69.25575264659683,
               -69.62603549005038]
REF_DASPK_VEND = -58.045153485866351
REF_DASPK_G = 0.0036469689917928896
REF_DASPK_STATS = (647, 76, 4, 0, 1383, 656)


def _ext_model():
    from neuron_core import Section
    soma = Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("cvhh")
    soma.insert("extracellular")
    ax = Section(name="ax")
    ax.connect(soma(1))
    ax.L, ax.diam, ax.nseg = 300, 1, 5
    ax.insert("cvhh")
    ax.insert("extracellular")
    for seg in ax:
        seg.xg[0] = 10
        seg.xraxial[0] = 1e4
        seg.xc[1] = 0.01
    st = _pp("cvIClamp", soma(0.5))
    st.delay, st.dur, st.amp = 1, 1, 0.3
    return soma, ax, st


def _stats(cv):
    s = cv._stats()
    return (s["advance_tn"], s["interpolate"], s["init"], s["ts_inits"], s["f"], s["mxb"])


@pytest.mark.parametrize("order", [1, 2])
def test_extracellular_switches_to_ida_and_matches_neuron(fresh, order):
    import neuron_core
    from neuron_core import NetCon
    cv = fresh
    soma, ax, st = _ext_model()
    cv.active(1)
    cv.atol(1e-4)
    cv.condition_order(order)
    tv = _vec().record(_t_ref())
    spk = _vec()
    nc = NetCon(ax(0.9)._ref_v, None, sec=ax)
    nc.threshold = 0
    nc.record(spk)
    neuron_core.finitialize(-65)
    assert cv.use_daspk() and cv.current_method() == 412
    assert cv._stats()["neq"] == 45          # 7 nodes x (vi + 2 layers) + 8 x 3 hh states
    cv.solve(6)
    t = tv.as_numpy()
    assert len(t) == REF_EXT_NSTEP
    assert np.allclose(t[:6], REF_EXT_T, rtol=0, atol=1e-15)
    assert list(spk) == pytest.approx([REF_EXT_SPIKE[order]], abs=1e-9)
    assert neuron_core.model.t == 6.0
    assert soma(0.5).v == pytest.approx(REF_EXT_END["v_soma"], abs=1e-8)
    assert ax(0.5).vext[0] == pytest.approx(REF_EXT_END["vext0_ax"], rel=1e-6)
    assert ax(0.5).i_membrane == pytest.approx(REF_EXT_END["imem_ax"], rel=1e-6)
    assert ax(0.5).cvhh.m == pytest.approx(REF_EXT_END["m_ax"], abs=1e-10)
    assert _stats(cv) == REF_EXT_STATS[order]


def test_use_daspk_on_an_ode_model_matches_neuron(fresh):
    """Zero-area nodes become algebraic equations; events re-initialize the DAE."""
    import neuron_core
    from neuron_core import NetCon, Section
    from neuron_core.builtins import lookup
    cv = fresh
    soma = Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("cvhh")
    dend = Section(name="dend")
    dend.connect(soma(1))
    dend.L, dend.diam, dend.nseg = 200, 1, 4
    dend.insert("cvpas")
    syn = _pp("cvExpSyn", dend(0.7))
    syn.tau = 2
    stim = lookup("cvStim")()
    stim.start, stim.interval, stim.number = 1, 3, 3
    nc = NetCon(stim, syn)
    nc.delay = 0.5
    nc.weight[0] = 0.01
    cv.active(1)
    cv.atol(1e-5)
    cv.use_daspk(1)
    tv = _vec().record(_t_ref())
    vr = _vec().record(soma(0.5)._ref_v, 0.25)
    neuron_core.finitialize(-65)
    assert cv.current_method() == 411
    cv.solve(10)
    t = tv.as_numpy()
    assert len(t) == REF_DASPK_NSTEP
    assert np.allclose(t[:6], REF_DASPK_T, rtol=1e-12, atol=0)
    assert np.allclose(vr.as_numpy()[::8], REF_DASPK_V, rtol=0, atol=1e-6)
    assert dend(0.9).v == pytest.approx(REF_DASPK_VEND, abs=1e-6)
    assert syn.g == pytest.approx(REF_DASPK_G, rel=1e-7)
    assert _stats(cv) == REF_DASPK_STATS


def test_daspk_settings_follow_neuron(fresh):
    """use_daspk is not optional with extracellular (and keeps the global step); the local
    step turns it off on an ODE model; dae_init_dteps stores its step."""
    import neuron_core
    from neuron_core import Section
    from neuron_core.errors import NeuronError
    cv = fresh
    s = Section(name="s")
    s.insert("cvhh")
    cv.active(1)
    assert not cv.use_daspk()
    assert cv.use_daspk(1) and cv.current_method() == 411
    cv.use_local_dt(1)
    assert cv.use_local_dt() and not cv.use_daspk()
    assert not cv.use_daspk(1)                 # ignored while the local step is on
    cv.use_local_dt(0)
    s.insert("extracellular")
    neuron_core.finitialize(-65)
    assert cv.use_daspk() and cv.current_method() == 412
    assert cv.use_daspk(0)                     # not optional
    assert not cv.use_local_dt(1)              # the DAE form keeps the global step
    with pytest.raises(NeuronError):
        cv.f(0.0, _vec(), _vec())              # F(t, y, y') = 0 has no f to evaluate
    cv.active(0)
    assert cv.current_method() == 12 and cv.use_daspk()
    assert cv.dae_init_dteps() == 1e-9
    assert cv.dae_init_dteps(1e-8) == 1e-8
    cv.dae_init_dteps(1e-9)


def test_states_and_dstates_in_the_dae_form(fresh):
    """states() is y (vi = v + vext[0], the layers, then states); dstates() is the
    right-hand side f of the last residual, as NEURON's."""
    import neuron_core
    from neuron_core import Section
    cv = fresh
    s = Section(name="s")
    s.L = s.diam = 20
    s.insert("cvhh")
    s.insert("extracellular")
    cv.active(1)
    neuron_core.finitialize(-65)
    y, yd = _vec(), _vec()
    cv.states(y)
    cv.dstates(yd)
    y, yd = y.as_numpy(), yd.as_numpy()
    assert len(y) == 12                       # 3 nodes x 3 + 3 hh states
    assert y[3] == pytest.approx(-65.0, abs=1e-9) and abs(y[4]) < 1e-20
    # the soma's membrane current leaves vi and enters layer 0
    assert yd[3] == pytest.approx(3.0323709141418399e-05, rel=1e-9)
    assert yd[4] == pytest.approx(-yd[3], rel=1e-12)
    assert yd[9] == pytest.approx(1.6861702235390837e-12, rel=1e-6)


@pytest.mark.parametrize("style", [0, 1, 2])
def test_failed_initial_residual_is_reported_as_neuron(fresh, capfd, style):
    """A coarse dae_init_dteps (0.5 ms) leaves a residual NEURON 9.0.2 also reports (weighted
    norm 1.91152 for this soma at -50 mV); finitialize goes on in every style, and the run
    ends where NEURON's does."""
    import neuron_core
    from neuron_core import Section
    cv = fresh
    s = Section(name="soma")
    s.L = s.diam = 20
    s.insert("cvhh")
    s.insert("extracellular")
    cv.active(1)
    cv.dae_init_dteps(0.5, style)
    try:
        neuron_core.finitialize(-50)
        out = capfd.readouterr().out
        word = "failure" if style == 0 else "warning"
        assert "IDA initialization %s, weighted norm of residual=1.91152" % word in out
        assert ("subtracting (for next 1e-6 ms)" in out) == (style == 2)
        cv.solve(1)
        assert s(0.5).v == pytest.approx(-73.84375288478388, abs=1e-9)
        assert cv._stats()["advance_tn"] == 36 and cv._stats()["init_failures"] == 1
    finally:
        cv.dae_init_dteps(1e-9, 0)
