"""hh_soma: one Hodgkin-Huxley compartment with a current step, 1000 ms at dt = 0.025 ms.

With one compartment the cost of a step is the simulator's fixed overhead per step (run loop,
event and threshold checks, recording).  Public NEURON API only; prints one JSON line.
"""
import argparse
import json
import time

from neuron import h


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tstop", type=float, default=1000.0)
    p.add_argument("--solver", choices=["continuerun", "psolve"], default="continuerun")
    a = p.parse_args()
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20.0
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 5.0, 1e9, 0.1
    spikes = h.Vector()
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.threshold = 0.0
    nc.record(spikes)
    v = h.Vector().record(soma(0.5)._ref_v)
    h.dt = 0.025
    h.steps_per_ms = 40
    h.tstop = a.tstop
    h.finitialize(-65.0)
    t0 = time.perf_counter()
    if a.solver == "psolve":
        h.ParallelContext().psolve(a.tstop)
    else:
        h.continuerun(a.tstop)
    run_s = time.perf_counter() - t0
    nsteps = int(round(a.tstop / 0.025))
    print(json.dumps({"model": "hh_soma", "run_s": run_s, "us_per_step": run_s / nsteps * 1e6,
                      "n_spikes": int(spikes.size()), "n_rec": int(v.size())}))


if __name__ == "__main__":
    main()
