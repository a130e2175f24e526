"""Running cells on several threads gives results identical to one thread."""
import numpy as np
import pytest

import neuron_core as nc
from neuron_core.pointprocess import point_process_class
from neuron_core.vector import Vector


def pp(name, *args):
    return point_process_class(nc.registry.types[name])(*args)


def build_and_run(nthread, fast_imem=False):
    cells = []
    for k in range(5):
        soma = nc.Section(name="soma%d" % k)
        soma.L = soma.diam = 15 + k
        soma.insert("thh")
        dend = nc.Section(name="dend%d" % k)
        dend.connect(soma(1))
        dend.L, dend.diam, dend.nseg = 200, 1, 3 + 2 * k
        dend.insert("tpas")
        syn = pp("tExpSyn", dend(0.5))
        syn.tau = 2
        cells.append((soma, dend, syn))
    stim = pp("tIClamp", cells[0][0](0.5))
    stim.delay, stim.dur, stim.amp = 1, 2, 0.5
    links = []
    for k, (soma, dend, syn) in enumerate(cells):
        nxt = cells[(k + 1) % len(cells)][2]
        c = nc.NetCon(soma(0.5)._ref_v, nxt)
        c.threshold, c.delay, c.weight[0] = 0, 2, 0.05
        links.append(c)
    recs = [Vector().record(s(0.5)._ref_v) for s, _, _ in cells] + \
           [Vector().record(d(0.3)._ref_v) for _, d, _ in cells]
    nc.model.nthread = nthread
    nc.model.use_fast_imem = fast_imem
    nc.model.structure_dirty = True
    nc.finitialize(-65)
    nc.run_until(40)
    out = np.array([r.as_numpy().copy() for r in recs])
    nc.model.use_fast_imem = False
    for s, d, _ in cells:
        nc.builtins.delete_section(s)
        nc.builtins.delete_section(d)
    nc.model.nthread = 1
    return out


def test_two_threads_identical_to_one(testmechs):
    one = build_and_run(1)
    two = build_and_run(2)
    assert one.shape == two.shape
    assert np.array_equal(one, two)
    assert one.max() > 0  # the ring spiked


def test_threads_with_a_single_threaded_step_run_every_cell(testmechs):
    """fast i_membrane_ (like extracellular, BEFORE/AFTER blocks and non-voltage blocks)
    makes the step single-threaded: it still computes every thread's cells."""
    one = build_and_run(1, fast_imem=True)
    two = build_and_run(2, fast_imem=True)
    assert np.max(np.abs(one - two)) < 1e-9
    assert two[1].max() > 0  # cells in the second thread spiked too
