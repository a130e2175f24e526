#!/usr/bin/env python
"""The benchmark models under the variable time step (CVode, default tolerances unless --atol):
steps taken and run time, so that both can be compared with NEURON's in the same run.

    python cvode_models.py --model hh_soma|hh_cable|ringtest|synapse_heavy [--atol 1e-3]

Steps are counted as the size of a Vector recording t (one point per step, plus the initial
one), which both implementations fill the same way.  Public NEURON API only; one JSON line.
"""
import argparse
import json
import random
import time

from neuron import h

from hh_cable import build as build_cable


def hh_soma(keep):
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20.0
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 2.0, 1e9, 0.1
    keep += [soma, stim]
    return soma, 1000.0


def hh_cable(keep):
    soma, secs = build_cable(1000)
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 2.0, 1e9, 1.0
    keep += [soma, secs, stim]
    return soma, 100.0


def ringtest(keep, nring=16, ncell=8):
    rng = random.Random(1)
    cells = []
    for gid in range(nring * ncell):
        soma = h.Section(name="soma", cell=None)
        dend = h.Section(name="dend")
        dend.connect(soma(1.0))
        soma.L = soma.diam = 12.6157
        dend.L, dend.diam, dend.nseg = 200.0, 1.0, rng.choice([3, 5, 7, 9, 11])
        for s in (soma, dend):
            s.Ra, s.cm = 100.0, 1.0
        soma.insert("hh")
        dend.insert("pas")
        for seg in dend:
            seg.pas.g, seg.pas.e = 0.001, -65.0
        syn = h.ExpSyn(dend(0.5))
        syn.tau, syn.e = 2.0, 0.0
        cells.append((soma, dend, syn))
    for r in range(nring):
        for i in range(ncell):
            src, tgt = cells[r * ncell + i], cells[r * ncell + (i + 1) % ncell]
            nc = h.NetCon(src[0](0.5)._ref_v, tgt[2], sec=src[0])
            nc.threshold, nc.delay, nc.weight[0] = 10.0, 1.0, 0.01
            keep.append(nc)
        ns = h.NetStim()
        ns.number, ns.start, ns.noise = 1, 0.0, 0
        nc = h.NetCon(ns, cells[r * ncell][2])
        nc.delay, nc.weight[0] = 1.0, 0.01
        keep += [ns, nc]
    keep.append(cells)
    return cells[0][0], 300.0


def synapse_heavy(keep, ncell=10, nsyn=100):
    for gid in range(ncell):
        soma = h.Section(name="soma_%d" % gid)
        soma.L = soma.diam = 20.0
        soma.insert("hh")
        keep.append(soma)
        for k in range(nsyn):
            syn = h.ExpSyn(soma(0.5))
            syn.tau, syn.e, w = (2.0, 0.0, 0.0004) if k < 80 else (5.0, -80.0, 0.0008)
            ns = h.NetStim()
            ns.interval, ns.number, ns.start, ns.noise = 50.0, 1e9, 0.0, 0.0
            ns.start = 0.37 * k + 1.3 * gid    # regular but staggered trains
            nc = h.NetCon(ns, syn)
            nc.delay, nc.weight[0] = 1.0, w
            keep += [syn, ns, nc]
    return keep[0], 500.0


MODELS = {"hh_soma": hh_soma, "hh_cable": hh_cable, "ringtest": ringtest,
          "synapse_heavy": synapse_heavy}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=sorted(MODELS), default="hh_soma")
    p.add_argument("--atol", type=float, default=None)
    a = p.parse_args()
    h.load_file("stdrun.hoc")
    keep = []
    t0 = time.perf_counter()
    soma, tstop = MODELS[a.model](keep)
    cv = h.CVode()
    cv.active(1)
    if a.atol is not None:
        cv.atol(a.atol)
    tvec, vvec = h.Vector(), h.Vector()
    tvec.record(h._ref_t)
    vvec.record(soma(0.5)._ref_v)
    h.finitialize(-65.0)
    setup_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    h.continuerun(tstop)
    run_s = time.perf_counter() - t1
    print(json.dumps({"model": "cvode_" + a.model, "setup_s": round(setup_s, 4),
                      "run_s": round(run_s, 4), "steps": int(tvec.size()) - 1,
                      "t_end": h.t, "v_end": round(soma(0.5).v, 6), "v_max": round(vvec.max(), 4)}))


if __name__ == "__main__":
    main()
