"""hh_cable: a soma and a binary dendritic tree (depth 3, 15 sections of 200 um) with hh
everywhere and about N compartments in total, driven at the soma; 100 ms at dt = 0.025 ms.

Measures the cost per compartment-step.  Public NEURON API only; prints one JSON line.
"""
import argparse
import json
import time

from neuron import h


def build(ncomp):
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20.0
    secs, parents = [], [soma]
    for level in range(4):
        current = []
        for parent in parents:
            for _ in range(1 if level == 0 else 2):
                s = h.Section(name="dend_%d_%d" % (level, len(current)))
                s.L = 200.0
                s.diam = 4.0 * (2.0 ** (-2.0 / 3.0)) ** level
                s.connect(parent(1.0), 0.0)
                current.append(s)
        secs.extend(current)
        parents = current
    nseg = max(1, int(round((ncomp - 1) / float(len(secs)))))
    for s in [soma] + secs:
        s.Ra, s.cm = 100.0, 1.0
        s.insert("hh")
    for s in secs:
        s.nseg = nseg
    return soma, secs


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ncomp", type=int, default=10000)
    p.add_argument("--tstop", type=float, default=100.0)
    a = p.parse_args()
    h.load_file("stdrun.hoc")
    soma, secs = build(a.ncomp)
    ncomp = sum(s.nseg for s in [soma] + secs)
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 2.0, 1e9, 1.0
    vecs = [h.Vector().record(seg._ref_v) for seg in (soma(0.5), secs[-1](1.0))]
    spikes = h.Vector()
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.threshold = 0.0
    nc.record(spikes)
    h.dt = 0.025
    h.steps_per_ms = 40
    h.finitialize(-65.0)
    t0 = time.perf_counter()
    h.continuerun(a.tstop)
    run_s = time.perf_counter() - t0
    nsteps = int(round(a.tstop / 0.025))
    print(json.dumps({"model": "hh_cable", "ncomp": ncomp, "run_s": run_s,
                      "ns_per_comp_step": run_s / (ncomp * nsteps) * 1e9,
                      "n_spikes": int(spikes.size()), "v_end": round(vecs[1][-1], 3)}))


if __name__ == "__main__":
    main()
