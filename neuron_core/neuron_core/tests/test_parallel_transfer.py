"""Gap junctions with source_var/target_var/setup_transfer on one process, against NEURON
9.0.2: two hh somas whose pas reversal potential is the other soma's voltage (a gap junction
of conductance g_pas), one driven by a current pulse."""
import pytest

import neuron_core as nc
from neuron_core.errors import NeuronError
from neuron_core.vector import Vector

from .test_parallel_helpers import pc, pp, soma  # noqa: F401  (pc is a fixture)

# index: (v_a, v_b) recorded every step, psolve(20), dt 0.025 (NEURON 9.0.2, usetable_hh = 0)
NEURON_GAP = {0: (-65.0, -65.0), 1: (-64.99926358106732, -64.99926358106732),
              40: (-64.9759508762219, -64.9759508762219),
              80: (41.369636488718136, -48.95122174968293),
              100: (24.78868653926398, 15.85948816643889),
              120: (0.41930278894531714, 31.932523816927368),
              200: (-75.45125269020618, -69.82878098081333),
              400: (-72.40237142841934, -72.80065837153143),
              800: (-64.61237776282044, -64.69764318999924)}


def coupled_pair(pc):
    a, b = soma("a"), soma("b")
    for s in (a, b):
        s.insert("tpas")
        s(0.5).tpas.g = 0.0005
        s(0.5).tpas.e = -65
    ic = pp("tIClamp", a(0.5))
    ic.delay, ic.dur, ic.amp = 1, 2, 0.3
    pc.source_var(a(0.5)._ref_v, 0, sec=a)
    pc.source_var(b(0.5)._ref_v, 1, sec=b)
    pc.target_var(b(0.5).tpas._ref_e, 0)
    pc.target_var(a(0.5).tpas._ref_e, 1)
    pc.setup_transfer()
    return a, b, ic


def test_gap_junction_matches_neuron(pc):
    a, b, ic = coupled_pair(pc)
    va = Vector().record(a(0.5)._ref_v)
    vb = Vector().record(b(0.5)._ref_v)
    eb = Vector().record(b(0.5).tpas._ref_e)
    pc.set_maxstep(10)
    nc.finitialize(-65)
    pc.psolve(20)
    assert len(va) == 801
    for i, (xa, xb) in NEURON_GAP.items():
        assert va[i] == pytest.approx(xa, abs=1e-9)
        assert vb[i] == pytest.approx(xb, abs=1e-9)
        assert eb[i] == va[i]          # the target holds the source's value after each step


def test_transfer_survives_a_rebuild_and_clears(pc):
    a, b, ic = coupled_pair(pc)
    other = soma("late")              # a structural change after setup_transfer
    other.nseg = 3
    nc.finitialize(-65)
    nc.run_until(5)
    assert b(0.5).tpas.e == a(0.5).v
    pc.gid_clear(3)
    b(0.5).tpas.e = -65.0
    nc.finitialize(-65)
    nc.run_until(5)
    assert b(0.5).tpas.e == -65.0       # no longer transferred
    assert a(0.5).v != -65.0


def test_transfer_errors_name_the_ids(pc):
    a = soma("a")
    a.insert("tpas")
    pc.source_var(a(0.5)._ref_v, 3, sec=a)
    with pytest.raises(NeuronError, match="source id 3 is already used"):
        pc.source_var(a(0.5)._ref_v, 3, sec=a)
    pc.target_var(a(0.5).tpas._ref_e, 4)
    with pytest.raises(NeuronError, match=r"target_var with source id \[4\]"):
        pc.setup_transfer()
    with pytest.raises(NeuronError, match="pointer"):
        pc.target_var(1.0, 4)
