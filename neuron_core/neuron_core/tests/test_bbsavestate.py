"""BBSaveState on a ring network with gids: a restored run continues exactly as the saved one
(the spike times are NEURON 9.0.2's for this network, saved and restored the same way)."""
import os
import shutil

import pytest

from neuron import h

FULL = [(1.825, 0), (5.15, 1), (8.45, 2), (11.75, 3), (15.05, 4), (18.4, 0), (21.75, 1),
        (25.1, 2), (28.45, 3), (31.8, 4), (35.175, 0), (38.525, 1)]


class Cell:
    def __init__(self, pc, gid):
        self.gid = gid
        self.soma = h.Section(name="bb_soma%d" % gid)
        self.soma.L = self.soma.diam = 20
        self.soma.insert("hh")
        self.dend = h.Section(name="bb_dend%d" % gid)
        self.dend.connect(self.soma)
        self.dend.L, self.dend.diam, self.dend.nseg = 200, 1, 5
        self.dend.insert("pas")
        self.syn = h.ExpSyn(self.soma(0.5))
        self.syn.tau = 2
        pc.set_gid2node(gid, pc.id())
        pc.cell(gid, h.NetCon(self.soma(0.5)._ref_v, None, sec=self.soma))


@pytest.fixture
def ring():
    pc = h.ParallelContext()
    cells = [Cell(pc, i) for i in range(5)]
    ncs = []
    for i in range(5):
        nc = pc.gid_connect(i, cells[(i + 1) % 5].syn)
        nc.weight[0], nc.delay = 0.5, 3
        ncs.append(nc)
    stim = h.NetStim()
    stim.number, stim.start, stim.interval = 3, 1, 17
    nsc = h.NetCon(stim, cells[0].syn)
    nsc.weight[0], nsc.delay = 0.5, 0.5
    tv, idv = h.Vector(), h.Vector()
    pc.spike_record(-1, tv, idv)
    pc.set_maxstep(10)
    yield pc, cells, tv, idv
    pc.gid_clear()
    stim.number = 0          # artificial cells can outlive their Python object: silence it
    del ncs, nsc, stim
    for c in cells:
        h.delete_section(sec=c.dend)
        h.delete_section(sec=c.soma)


def spikes(tv, idv):
    return [(round(t, 6), int(i)) for t, i in zip(tv, idv)]


def test_save_and_restore_one_file(ring, tmp_path):
    pc, cells, tv, idv = ring
    h.finitialize(-65)
    pc.psolve(20)
    h.BBSaveState().save(str(tmp_path / "all.dat"))
    pc.psolve(40)
    assert spikes(tv, idv) == FULL
    h.finitialize(-65)
    bb = h.BBSaveState()
    bb.restore(str(tmp_path / "all.dat"))
    bb.vector_play_init()
    assert h.t == pytest.approx(20)
    pc.psolve(40)
    assert spikes(tv, idv) == [s for s in FULL if s[0] > 20]


def test_save_test_restore_test_folders(ring, tmp_path):
    pc, cells, tv, idv = ring
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        os.mkdir("out")
        h.finitialize(-65)
        pc.psolve(20)
        h.BBSaveState().save_test()
        # NEURON's out2in step: in/tmp, and in/tmp.<gid> = piece count + the pieces
        os.mkdir("in")
        shutil.copy(os.path.join("out", "tmp"), os.path.join("in", "tmp"))
        for gid in range(5):
            with open(os.path.join("in", "tmp.%d" % gid), "w") as f:
                f.write("1\n")
                f.write(open(os.path.join("out", "tmp.%d.0" % gid)).read())
        h.finitialize(-65)
        h.BBSaveState().restore_test()
        pc.psolve(40)
        assert spikes(tv, idv) == [s for s in FULL if s[0] > 20]
    finally:
        os.chdir(cwd)


def test_binary_interface_is_refused():
    from neuron_core.errors import NeuronError
    with pytest.raises(NeuronError, match="not implemented"):
        h.BBSaveState().save_test_bin()
