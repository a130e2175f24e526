"""intfire_network: 2000 IntFire1 cells (refractory period, so every spike makes a self
event), 50 random NetCons into each, driven by NetStims; 200 ms.

Event delivery dominates: the self event sent from NET_RECEIVE must find the NetCon whose
event caused it.  Public NEURON API only; prints one JSON line.
"""
import argparse
import json
import time

from neuron import h


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ncell", type=int, default=2000)
    p.add_argument("--fanin", type=int, default=50)
    p.add_argument("--tstop", type=float, default=200.0)
    a = p.parse_args()
    h.load_file("stdrun.hoc")
    t0 = time.perf_counter()
    cells = [h.IntFire1() for _ in range(a.ncell)]
    for c in cells:
        c.tau, c.refrac = 10.0, 5.0
    r = h.Random()
    r.Random123(1)
    r.uniform(0, a.ncell)
    ncs, stims = [], []
    for i, c in enumerate(cells):
        for k in range(a.fanin):
            nc = h.NetCon(cells[int(r.repick())], c)
            nc.delay, nc.weight[0] = 1 + k % 5, 0.05
            ncs.append(nc)
    for i in range(0, a.ncell, 10):
        s = h.NetStim()
        s.interval, s.number, s.start, s.noise = 5.0, 100, 0.0, 0.0
        nc = h.NetCon(s, cells[i])
        nc.weight[0], nc.delay = 2.0, 1.0
        stims.append((s, nc))
    tv, iv = h.Vector(), h.Vector()
    for i, c in enumerate(cells):
        nc = h.NetCon(c, None)
        nc.record(tv, iv, i)
        ncs.append(nc)
    h.tstop = a.tstop
    setup_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    h.finitialize(-65.0)
    h.run()
    run_s = time.perf_counter() - t0
    print(json.dumps({"model": "intfire_network", "setup_s": setup_s, "run_s": run_s,
                      "n_spikes": int(tv.size()), "spike_t_sum": round(sum(tv), 6)}))


if __name__ == "__main__":
    main()
