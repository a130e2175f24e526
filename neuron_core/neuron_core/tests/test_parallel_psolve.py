"""psolve and spike recording on one process, against numbers printed by NEURON 9.0.2 for the
same models (hh with usetable_hh = 0, ExpSyn, NetStim start 0 number 1)."""
import pytest

import neuron_core as nc
from neuron_core.errors import NeuronError
from neuron_core.vector import Vector

from .test_parallel_helpers import pc, pp, ring, soma  # noqa: F401  (pc is a fixture)

# pc.spike_record(-1, tvec, idvec) of the 5-cell ring, psolve(50), dt 0.025 (NEURON 9.0.2)
NEURON_RING_T = [
    1.6250000000999962, 3.2500000001000124, 4.8750000001000355, 6.500000000100059,
    8.125000000100073, 10.075000000099962, 11.975000000099854, 13.850000000099747,
    15.700000000099642, 17.52500000009954, 19.350000000099435, 21.17500000009933,
    23.000000000099227, 24.825000000099124, 26.67500000009902, 28.500000000098915,
    30.32500000009881, 32.15000000009875, 33.975000000099165, 35.80000000009958, 37.6500000001,
    39.475000000100415, 41.30000000010083, 43.125000000101245, 44.95000000010166,
    46.775000000102075, 48.625000000102496]


def test_ring_psolve_matches_neuron(pc):
    cells, keep = ring(pc)
    tv, iv = Vector(), Vector()
    pc.spike_record(-1, tv, iv)
    assert pc.set_maxstep(10) == 10.0
    nc.finitialize(-65)
    assert pc.psolve(50) == 0.0
    assert nc.model.t == pytest.approx(50.00000000000281, abs=1e-12)
    assert list(tv) == pytest.approx(NEURON_RING_T, abs=1e-9)
    assert list(iv) == [float(i % 5) for i in range(len(NEURON_RING_T))]


def test_gid_network_equals_plain_netcon_network(pc):
    def run(use_gids):
        cells, keep = ring(pc, n=4, use_gids=use_gids, delay=1.5)
        recs = [Vector().record(s(0.5)._ref_v) for s, _ in cells]
        pc.set_maxstep(10)
        nc.finitialize(-65)
        if use_gids:
            pc.psolve(40)
        else:
            nc.run_until(40)
        out = [r.as_numpy().copy() for r in recs]
        pc.gid_clear()
        for s, _ in cells:
            nc.builtins.delete_section(s)
        return out
    a, b = run(True), run(False)
    for x, y in zip(a, b):
        assert len(x) == len(y) == 1601
        assert (x == y).all()
        assert x.max() > 0   # the ring fires


@pytest.mark.parametrize("tstop, nstep", [(5.02, 200), (5.0125, 200), (5.013, 200), (0.05, 2),
                                          (0.06, 2), (0.075, 3), (0.08, 3)])
def test_psolve_takes_neurons_number_of_steps(pc, tstop, nstep):
    soma("s")
    pc.set_maxstep(10)
    nc.finitialize(-65)
    pc.psolve(tstop)
    assert round(nc.model.t / nc.model.dt) == nstep


def test_psolve_continues_and_refuses_to_go_back(pc):
    soma("s")
    pc.set_maxstep(10)
    nc.finitialize(-65)
    pc.psolve(1)
    pc.psolve(1)
    assert nc.model.t == pytest.approx(1.0, abs=1e-9)
    pc.psolve(2)
    assert nc.model.t == pytest.approx(2.0, abs=1e-9)
    with pytest.raises(NeuronError, match="earlier than the current time"):
        pc.psolve(0.5)


def test_psolve_before_finitialize_is_an_error(pc):
    soma("s")
    pc.set_maxstep(10)
    with pytest.raises(NeuronError, match="before finitialize"):
        pc.psolve(1)


def test_psolve_without_set_maxstep_reports_mindelay(pc):
    soma("s")
    nc.finitialize(-65)
    with pytest.raises(NeuronError, match="mindelay is 0"):
        pc.psolve(1)


def test_set_maxstep_is_the_smallest_delay_of_connections_between_ranks(pc):
    cells, keep = ring(pc, n=3, delay=2.0)
    # every source is on this rank: nothing spans ranks, so the argument comes back (NEURON)
    assert pc.set_maxstep(10) == 10.0
    c = pc.gid_connect(99, cells[0][1])
    c.delay = 0.5
    assert pc.set_maxstep(10) == 0.5
    assert pc.set_maxstep(0.2) == 0.2


def test_spike_record_single_gid_vector_of_gids_and_output_only(pc):
    cells, keep = ring(pc)
    t2, i2 = Vector(), Vector()
    pc.spike_record(2, t2, i2)
    tsel, isel = Vector(), Vector()
    pc.spike_record(Vector([0, 4]), tsel, isel)
    pc.set_maxstep(10)
    nc.finitialize(-65)
    pc.psolve(20)
    assert list(i2) == [2.0] * len(t2) and len(t2) == 2
    assert list(t2) == pytest.approx([NEURON_RING_T[2], NEURON_RING_T[7]], abs=1e-9)
    expect = [t for k, t in enumerate(NEURON_RING_T) if k % 5 in (0, 4) and t < 20]
    assert sorted(tsel) == pytest.approx(expect, abs=1e-9)
    assert sorted(set(isel)) == [0.0, 4.0]


def test_spike_record_all_skips_cells_that_are_not_outputs(pc):
    cells, keep = ring(pc, n=3)
    extra = soma("quiet")
    ic = pp("tIClamp", extra(0.5))
    ic.delay, ic.dur, ic.amp = 1, 1, 0.5
    pc.set_gid2node(7, pc.id())
    det = nc.NetCon(extra(0.5)._ref_v, None)
    pc.cell(7, det, 0)
    assert pc.gid_exists(7) == 2
    tv, iv = Vector(), Vector()
    pc.spike_record(-1, tv, iv)
    own = Vector()
    det.record(own)
    pc.set_maxstep(10)
    nc.finitialize(-65)
    pc.psolve(10)
    assert len(own) == 1           # it fired ...
    assert 7.0 not in list(iv)     # ... but is not an output cell
    assert set(iv) == {0.0, 1.0, 2.0}


def test_recording_is_reset_by_finitialize(pc):
    cells, keep = ring(pc, n=3)
    tv, iv = Vector(), Vector()
    pc.spike_record(-1, tv, iv)
    pc.set_maxstep(10)
    nc.finitialize(-65)
    pc.psolve(10)
    first = list(tv)
    nc.finitialize(-65)
    pc.psolve(10)
    assert list(tv) == first and len(first) > 0


def test_threads_give_the_same_spikes(pc):
    if not hasattr(nc.model, "nthread"):
        pytest.skip("engine without threads")
    cells, keep = ring(pc, n=6)
    tv, iv = Vector(), Vector()
    pc.spike_record(-1, tv, iv)
    pc.set_maxstep(10)
    assert pc.nthread() == 1
    nc.finitialize(-65)
    pc.psolve(30)
    one = (list(tv), list(iv))
    assert pc.nthread(2) == 2
    nc.finitialize(-65)
    pc.psolve(30)
    assert (list(tv), list(iv)) == one
    assert pc.nthread(1) == 1
