"""gid tables on one process: ownership, cells, connections, lookups, and the bad-input rules
(each a clear exception naming the gid or the object).  Messages follow NEURON 9.0.2's where
NEURON has one."""
import pytest

import neuron_core as nc
from neuron_core.errors import NeuronError
from neuron_core.vector import Vector

from .test_parallel_helpers import pc, pp, ring, soma  # noqa: F401  (pc is a fixture)
from .test_parallel_psolve import NEURON_RING_T


class Cell:
    """A Python cell object, as NEURON users write them (Section(cell=self))."""

    def __init__(self):
        self.soma = nc.Section(name="soma", cell=self)
        self.soma.insert("thh")
        self.syn = pp("tExpSyn", self.soma(0.5))


def test_gid_exists_levels(pc):
    c = Cell()
    assert pc.gid_exists(0) == 0
    pc.set_gid2node(0, pc.id())
    assert pc.gid_exists(0) == 1
    det = nc.NetCon(c.soma(0.5)._ref_v, None)
    pc.cell(0, det, 0)
    assert pc.gid_exists(0) == 2
    pc.outputcell(0)
    assert pc.gid_exists(0) == 3
    pc.set_gid2node(1, pc.id() + 1)   # owned by another rank: nothing recorded here
    assert pc.gid_exists(1) == 0


def test_threshold_is_the_sources_threshold(pc):
    c = Cell()
    pc.set_gid2node(0, 0)
    det = nc.NetCon(c.soma(0.5)._ref_v, None)
    pc.cell(0, det)
    assert pc.threshold(0) == 10.0
    assert pc.threshold(0, -20) == -20.0
    assert det.threshold == -20.0
    con = pc.gid_connect(0, c.syn)
    assert con.threshold == -20.0
    with pytest.raises(NeuronError, match="gid 5 is not owned"):
        pc.threshold(5)


def test_gid2obj_and_gid2cell(pc):
    c = Cell()
    pc.set_gid2node(0, 0)
    pc.cell(0, nc.NetCon(c.soma(0.5)._ref_v, None))
    assert pc.gid2cell(0) is c
    assert pc.gid2obj(0) is c
    stim = pp("tStim")
    pc.set_gid2node(1, 0)
    pc.cell(1, nc.NetCon(stim, None))
    assert pc.gid2obj(1) is stim
    assert pc.gid2cell(1) is stim
    with pytest.raises(NeuronError, match="gid 2 is not owned"):
        pc.gid2obj(2)


def test_gid_connect_shares_the_local_source(pc):
    c0, c1 = Cell(), Cell()
    pc.set_gid2node(0, 0)
    det = nc.NetCon(c0.soma(0.5)._ref_v, None)
    pc.cell(0, det)
    con = pc.gid_connect(0, c1.syn)
    assert con._presyn is det._presyn
    assert con.syn() is c1.syn
    assert con.delay == 1.0 and con.weight[0] == 0.0


def test_cell_netcon_may_be_dropped(pc):
    cells, keep = ring(pc, n=5)
    del keep[:5]                      # the detector NetCons given to pc.cell
    tv, iv = Vector(), Vector()
    pc.spike_record(-1, tv, iv)
    pc.set_maxstep(10)
    nc.finitialize(-65)
    pc.psolve(20)
    # the ring keeps firing from the sources the gids hold (same spikes as NEURON's ring)
    assert list(tv) == pytest.approx([t for t in NEURON_RING_T if t < 20], abs=1e-9)


def test_gid_clear_and_reconnect(pc):
    cells, keep = ring(pc, n=3)
    con = keep[-3]                      # gid_connect(2, cell 0 synapse)
    pc.gid_clear()
    assert pc.gid_exists(0) == 0
    pc.set_gid2node(2, 0)
    det = nc.NetCon(cells[2][0](0.5)._ref_v, None)
    pc.cell(2, det)
    assert pc.gid_connect(2, cells[0][1], con) is con
    assert con._presyn is det._presyn
    other = pp("tExpSyn", cells[1][0](0.5))
    with pytest.raises(NeuronError, match="target is different"):
        pc.gid_connect(2, other, con)


# ------------------------------------------------------------------ bad input


def test_gid_used_twice(pc):
    pc.set_gid2node(3, 0)
    with pytest.raises(NeuronError, match="gid=3 already exists on this process"):
        pc.set_gid2node(3, 0)


def test_two_sources_for_one_gid(pc):
    a, b = Cell(), Cell()
    pc.set_gid2node(3, 0)
    pc.cell(3, nc.NetCon(a.soma(0.5)._ref_v, None))
    with pytest.raises(NeuronError, match="gid=3 already has a spike source"):
        pc.cell(3, nc.NetCon(b.soma(0.5)._ref_v, None))
    pc.set_gid2node(4, 0)
    with pytest.raises(NeuronError, match="Can't associate gid 4. PreSyn already associated with gid 3"):
        pc.cell(4, nc.NetCon(a.soma(0.5)._ref_v, None))


def test_cell_needs_set_gid2node(pc):
    c = Cell()
    with pytest.raises(NeuronError, match="gid=8 has not been set on rank 0"):
        pc.cell(8, nc.NetCon(c.soma(0.5)._ref_v, None))
    with pytest.raises(NeuronError, match="must be an integer"):
        pc.set_gid2node(-1, 0)


def test_output_ports_before_input_ports(pc):
    c = Cell()
    pc.gid_connect(9, c.syn)
    with pytest.raises(NeuronError, match="gid=9 already exists as an input port"):
        pc.set_gid2node(9, 0)


def test_cell_arguments_are_checked(pc):
    c = Cell()
    pc.set_gid2node(0, 0)
    with pytest.raises(NeuronError, match="must be a NetCon"):
        pc.cell(0, c.syn)
    with pytest.raises(NeuronError, match=r"NetCon\[\d+\], has no source"):
        pc.cell(0, nc.NetCon(None, c.syn))


def test_gid_connect_to_owned_gid_without_cell(pc):
    c = Cell()
    pc.set_gid2node(4, 0)
    with pytest.raises(NeuronError, match="gid 4 owned by 0 but no associated cell"):
        pc.gid_connect(4, c.syn)


def test_gid_connect_target_must_receive_events(pc):
    c = Cell()
    clamp = pp("tIClamp", c.soma(0.5))
    with pytest.raises(NeuronError, match=r"tIClamp\[\d+\] has no NET_RECEIVE"):
        pc.gid_connect(0, clamp)
    with pytest.raises(NeuronError, match="must be a point process"):
        pc.gid_connect(0, c.soma)
    assert pc.gid_exists(0) == 0 and not nc.parallel.gids.table.inputs


def test_negative_delay_is_refused(pc):
    cells, keep = ring(pc, n=2)
    with pytest.raises(NeuronError, match="negative"):
        keep[-3].delay = -1


def test_gid_connect_to_a_gid_that_never_gets_a_cell(pc):
    cells, keep = ring(pc, n=2)
    stray = pc.gid_connect(77, cells[1][1])
    pc.set_maxstep(10)
    with pytest.raises(NeuronError, match=r"gid_connect to gid 77 \(-> tExpSyn\[\d+\]\).*no rank ever"):
        nc.finitialize(-65)
    del stray
    pc.gid_clear()
    nc.finitialize(-65)      # the stand-in source is gone with its last NetCon


def test_fake_fire_drives_the_stand_in_source(pc):
    from neuron_core.parallel import validate
    from neuron_core.parallel.gids import table
    c = Cell()
    con = pc.gid_connect(500, c.syn)
    con.delay, con.weight[0] = 2.0, 0.5
    g = Vector().record(c.syn._ref_g)
    validate.external_gids.add(500)
    try:
        pc.set_maxstep(10)
        nc.finitialize(-65)
        assert table.fake_fire(500, 1.0) and not table.fake_fire(501, 1.0)
        pc.psolve(4)
    finally:
        validate.external_gids.discard(500)
    first = next(i for i, x in enumerate(g) if x != 0.0)
    assert first in (120, 121) and g[first] > 0.2     # delivered at 1 + 2 ms (t index 120)
