"""A ring of five ball-and-stick cells (hh soma, passive dendrite, ExpSyn), kicked by a NetStim.

Prints each cell's spike times and writes demo_out/ring.png (voltage traces and raster).
"""
import os

from neuron import h

h.load_file("stdrun.hoc")


class BallAndStick:
    def __init__(self, gid):
        self.gid = gid
        self.soma = h.Section(name="soma", cell=self)
        self.dend = h.Section(name="dend", cell=self)
        self.dend.connect(self.soma(1))
        self.soma.L = self.soma.diam = 12.6157
        self.dend.L, self.dend.diam, self.dend.nseg = 200, 1, 5
        for sec in (self.soma, self.dend):
            sec.Ra, sec.cm = 100, 1
        self.soma.insert("hh")
        self.dend.insert("pas")
        for seg in self.dend:
            seg.pas.g, seg.pas.e = 0.001, -65
        self.syn = h.ExpSyn(self.dend(0.5))
        self.syn.tau = 2
        self.spikes = h.Vector()
        self.detector = h.NetCon(self.soma(0.5)._ref_v, None, sec=self.soma)
        self.detector.record(self.spikes)

    def __repr__(self):
        return "BallAndStick[%d]" % self.gid


def main():
    cells = [BallAndStick(i) for i in range(5)]
    links = []
    for i, cell in enumerate(cells):
        nc = h.NetCon(cell.soma(0.5)._ref_v, cells[(i + 1) % len(cells)].syn, sec=cell.soma)
        nc.weight[0], nc.delay = 0.05, 5
        links.append(nc)
    kick = h.NetStim()
    kick.number, kick.start = 1, 9
    kick_nc = h.NetCon(kick, cells[0].syn)
    kick_nc.weight[0], kick_nc.delay = 0.04, 1

    t = h.Vector().record(h._ref_t)
    v0 = h.Vector().record(cells[0].soma(0.5)._ref_v)
    v3 = h.Vector().record(cells[3].soma(0.5)._ref_v)
    h.finitialize(-65)
    h.continuerun(100)

    for cell in cells:
        print("%s spikes at %s ms" % (cell, ", ".join("%.3f" % x for x in cell.spikes)))
    os.makedirs("demo_out", exist_ok=True)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install neuron[plot]); no picture written")
        return
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    ax1.plot(list(t), list(v0), label="cell 0 soma")
    ax1.plot(list(t), list(v3), label="cell 3 soma")
    ax1.set_ylabel("v (mV)")
    ax1.legend()
    for cell in cells:
        ax2.plot(list(cell.spikes), [cell.gid] * len(cell.spikes), "|", markersize=12)
    ax2.set_xlabel("t (ms)")
    ax2.set_ylabel("cell")
    fig.tight_layout()
    fig.savefig("demo_out/ring.png", dpi=100)
    print("wrote demo_out/ring.png")


if __name__ == "__main__":
    main()
