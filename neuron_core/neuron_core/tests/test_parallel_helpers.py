"""Shared pieces of the ParallelContext tests: a clean network state per test and small
model builders on the hand-written ABI mechanisms (thh = NEURON's hh with exact rates,
tExpSyn = ExpSyn, tStim = a NetStim without noise, tpas = pas, tIClamp = IClamp)."""
import pytest

import neuron_core as nc
from neuron_core.parallel import ParallelContext
from neuron_core.parallel import netpar, transfer
from neuron_core.parallel.exchange import spikes
from neuron_core.pointprocess import point_process_class


def pp(name, *args):
    return point_process_class(nc.registry.types[name])(*args)


@pytest.fixture
def pc(testmechs):
    """A ParallelContext on a clean slate; everything it built is torn down afterwards."""
    p = ParallelContext()
    p.gid_clear()
    netpar.state.initialized = False
    netpar.state.mindelay = 0.0
    netpar.state.last_maxstep = 0.0
    nc.model.dt = 0.025
    yield p
    p.gid_clear()
    spikes.stop()
    transfer.clear()
    netpar.state.initialized = False
    for s in nc.model.section_list():
        nc.builtins.delete_section(s)
    if hasattr(nc.model, "nthread") and nc.model.nthread != 1:
        nc.model.nthread = 1
        nc.model.structure_dirty = True


def soma(name, hh=True):
    s = nc.Section(name=name)
    s.L = s.diam = 12.6157
    if hh:
        s.insert("thh")
    return s


def ring(pc, n=5, use_gids=True, delay=1.0, weight=0.01):
    """NEURON's classic ring: n hh somas, cell i drives cell i+1, a stimulator kicks cell 0.
    Returns (cells, keep) where keep holds every object that must stay alive."""
    cells, keep = [], []
    for i in range(n):
        s = soma("soma%d" % i)
        syn = pp("tExpSyn", s(0.5))
        syn.tau = 2
        cells.append((s, syn))
        det = nc.NetCon(s(0.5)._ref_v, None)
        det.threshold = 10
        keep.append(det)
        if use_gids:
            pc.set_gid2node(i, pc.id())
            pc.cell(i, det)
    for i in range(n):
        tgt = cells[(i + 1) % n][1]
        if use_gids:
            c = pc.gid_connect(i, tgt)
        else:
            c = nc.NetCon(cells[i][0](0.5)._ref_v, tgt)
            c.threshold = 10
        c.delay, c.weight[0] = delay, weight
        keep.append(c)
    stim = pp("tStim")
    stim.start, stim.number = 0, 1
    sc = nc.NetCon(stim, cells[0][1])
    sc.delay, sc.weight[0] = 1, weight
    keep += [stim, sc]
    return cells, keep
