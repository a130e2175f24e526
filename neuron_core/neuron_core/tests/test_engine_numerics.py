"""The fixed-step engine against numbers printed by NEURON 9.0.2 for the same models
(hand-written ABI mechanisms that implement NEURON's hh with exact rates, pas, IClamp, ExpSyn
and a NetStim-like generator; NEURON was run with usetable_hh = 0)."""
import math

import pytest

import neuron_core as nc
from neuron_core.builtins import VARIABLES
from neuron_core.pointprocess import point_process_class
from neuron_core.vector import Vector


def pp(name, *args):
    return point_process_class(nc.registry.types[name])(*args)


@pytest.fixture
def clean(testmechs):
    yield
    for s in nc.model.section_list():
        nc.builtins.delete_section(s)


def test_hh_soma_iclamp_matches_neuron(clean):
    soma = nc.Section(name="soma")
    soma.L = soma.diam = 12.6157
    soma.insert("thh")
    st = pp("tIClamp", soma(0.5))
    st.delay, st.dur, st.amp = 2, 20, 0.1
    v = Vector().record(soma(0.5)._ref_v)
    t = Vector().record(VARIABLES["t"].ref())
    spikes = Vector()
    det = nc.NetCon(soma(0.5)._ref_v, None)
    det.threshold = 0
    det.record(spikes)
    nc.model.dt = 0.025
    nc.finitialize(-65)
    nc.run_until(30)
    assert len(v) == 1201
    assert t[1200] == 29.99999999999883
    expected = {0: -65.0, 80: -64.95959202423775, 130: -8.924964577225165, 132: 4.647975787481262,
                400: -66.27011542629411, 700: -60.69622655892403, 1200: -66.3669037307634}
    for i, x in expected.items():
        assert v[i] == pytest.approx(x, abs=1e-9)
    assert list(spikes) == pytest.approx([3.300000000100013, 15.425000000099658], abs=1e-12)


def test_artificial_cell_drives_synapse_on_tree(clean):
    soma = nc.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("tpas")
    dend = nc.Section(name="dend")
    dend.connect(soma(1))
    dend.L, dend.diam, dend.nseg = 200, 1, 5
    dend.insert("tpas")
    syn = pp("tExpSyn", dend(0.5))
    syn.tau = 2
    stim = pp("tStim")
    stim.start, stim.interval, stim.number = 1, 2, 3
    con = nc.NetCon(stim, syn)
    con.delay, con.weight[0] = 1, 0.01
    times = Vector()
    con.record(times)
    v = Vector().record(soma(0.5)._ref_v)
    g = Vector().record(syn._ref_g)
    nc.finitialize(-65)
    nc.run_until(10)
    assert list(times) == [1.0, 3.0, 5.0]
    for i, x in {79: 0.0, 80: 0.0, 81: 0.009875778004938815, 82: 0.009753099120283328,
                 200: 0.008296608198610642, 399: 0.0020599692539815424}.items():
        assert g[i] == pytest.approx(x, abs=1e-15)
    for i, x in {100: -62.63176308458645, 300: -52.46178778456987, 399: -61.05152061332763}.items():
        assert v[i] == pytest.approx(x, abs=1e-9)
    assert g[81] == pytest.approx(0.01 * math.exp(-0.025 / 2), rel=1e-12)


def test_extracellular_stimulation_matches_neuron(clean):
    ax = nc.Section(name="axon")
    ax.L, ax.diam, ax.nseg, ax.Ra = 2000, 2, 41, 100
    ax.insert("thh")
    ax.insert("extracellular")
    tvec = Vector([0, 1, 1, 1.2, 1.2, 1e9])
    plays = []
    for seg in ax:
        r = math.sqrt((seg.x * ax.L - 0.5 * ax.L) ** 2 + 50.0 ** 2)
        ve = 300.0 * (-40e-3) / (4 * math.pi * r * 1e-4)
        vec = Vector([0, 0, ve, ve, 0, 0])
        vec.play(seg._ref_e_extracellular, tvec)
        plays.append(vec)
    ax2 = nc.Section(name="axon2")
    ax2.L, ax2.diam, ax2.nseg, ax2.Ra = 500, 1, 11, 150
    ax2.insert("tpas")
    ax2.insert("extracellular")
    for seg in ax2:
        seg.tpas.g, seg.tpas.e = 2e-4, -65
        seg.xraxial[0] = 5e3
        seg.xg[0] = 0.5
        seg.xc[0] = 0.1
    st = pp("tIClamp", ax2(0.2))
    st.delay, st.dur, st.amp = 1, 3, 0.2
    rec = {"v_ax_0.5": Vector().record(ax(0.5)._ref_v),
           "vext_ax2_0.6": Vector().record(ax2(0.6)._ref_vext[0]),
           "imem_ax_0.95": Vector().record(ax(0.95)._ref_i_membrane),
           "v_ax2_1": Vector().record(ax2(1)._ref_v)}
    nc.finitialize(-65)
    nc.run_until(8)
    expected = {
        "v_ax_0.5": [-1.9619764629273047, 6.510257961298003, -75.82780170620748, -74.34195378510067],
        "vext_ax2_0.6": [0.007198311977277383, 0.019482357861421676, 0.0037479903450558603,
                         0.00026001170995684243],
        "imem_ax_0.95": [-0.0011358417703528955, 0.008624804592042663, -0.018150523118271963,
                         0.00023060705287299545],
        "v_ax2_1": [-64.99571455501535, -62.40694663143593, -50.24900123177923, -52.79427632202512]}
    for key, values in expected.items():
        got = [rec[key][i] for i in (50, 100, 200, 320)]
        assert got == pytest.approx(values, abs=1e-9), key


def _grouped_tree_run(disable_groups: bool) -> list:
    """Ten cells of a soma and an equal dendrite (a group of eight and two alone; some attached
    by their 1 end) and a cell whose dendrites share parent nodes; v everywhere after 200 steps."""
    import numpy as np
    from neuron_core import build
    from neuron_core.engine import eng, ffi
    from neuron_core.model import model
    build.group_chains = not disable_groups
    keep = []
    for k in range(10):
        soma = nc.Section(name="gsoma%d" % k)
        soma.L = soma.diam = 20
        soma.insert("thh")
        d = nc.Section(name="gd%d" % k)
        d.L, d.diam, d.nseg = 150, 1 + 0.05 * k, 9
        d.insert("tpas")
        d.connect(soma(1.0), 1 if k % 4 == 0 else 0)
        keep += [soma, d]
    for k in range(5):
        d = nc.Section(name="gb%d" % k)
        d.L, d.diam, d.nseg = 80, 0.7, 9
        d.insert("tpas")
        d.connect(keep[0](0.5 if k % 2 else 1.0))
        keep.append(d)
    soma = keep[0]
    stim = pp("tIClamp", soma(0.5))
    stim.delay, stim.dur, stim.amp = 0.5, 100, 0.3
    try:
        nc.finitialize(-65)
        assert (eng.quad_start == ffi.NULL) == disable_groups   # a group of eight was formed
        for _ in range(200):
            nc.fadvance()
        return np.array(model.built.v).copy()
    finally:
        build.group_chains = True


def test_grouped_elimination_is_bit_identical_to_the_scalar_path(clean):
    grouped = _grouped_tree_run(False)
    clean_again = _grouped_tree_run(True)
    assert grouped.tobytes() == clean_again.tobytes()
