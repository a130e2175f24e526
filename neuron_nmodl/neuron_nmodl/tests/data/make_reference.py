"""Produces stdmech_reference.json with NEURON 9.0.2 (run with NEURON's python, not ours):
single-compartment cells (L = diam = 20 um) with the standard mechanisms, dt = 0.025 ms,
fixed step, every 4th sample kept.  These numbers are the facts test_stdmech.py checks."""
import json
import os

from neuron import h

AREA_SEC = dict(L=20.0, diam=20.0)


def soma():
    s = h.Section(name="soma")
    s.L, s.diam = AREA_SEC["L"], AREA_SEC["diam"]
    return s


def run(tstop, recs):
    vecs = {k: h.Vector().record(r) for k, r in recs.items()}
    h.dt = 0.025
    h.finitialize(-65)
    while h.t < tstop - h.dt / 2:
        h.fadvance()
    return {k: list(v)[::4] for k, v in vecs.items()}


out = {}
s = soma()
s.insert("hh")
st = h.IClamp(s(0.5))
st.delay, st.dur, st.amp = 1, 3, 0.3
out["hh_iclamp"] = run(8, {"v": s(0.5)._ref_v, "m": s(0.5).hh._ref_m, "h": s(0.5).hh._ref_h,
                           "n": s(0.5).hh._ref_n, "ina": s(0.5)._ref_ina, "ik": s(0.5)._ref_ik,
                           "i": st._ref_i})
del st, s

s = soma()
s.insert("pas")
se = h.SEClamp(s(0.5))
se.rs, se.dur1, se.amp1, se.dur2, se.amp2, se.dur3, se.amp3 = 0.5, 2, -70, 3, -20, 2, -90
out["pas_seclamp"] = run(8, {"v": s(0.5)._ref_v, "i": se._ref_i, "vc": se._ref_vc})
del se, s

s = soma()
s.insert("hh")
vc = h.VClamp(s(0.5))
for k, (d, a) in enumerate(((2, -65), (3, 0), (2, -80))):
    vc.dur[k], vc.amp[k] = d, a
out["hh_vclamp"] = run(8, {"v": s(0.5)._ref_v, "i": vc._ref_i})
del vc, s

for name, setup in (("ExpSyn", dict(tau=2.0)), ("Exp2Syn", dict(tau1=0.5, tau2=3.0))):
    s = soma()
    s.insert("pas")
    syn = getattr(h, name)(s(0.5))
    for k, x in setup.items():
        setattr(syn, k, x)
    nc = h.NetCon(None, syn)
    nc.weight[0] = 0.01
    nc.delay = 0
    fih = h.FInitializeHandler(lambda nc=nc: nc.event(1.0))
    out["pas_" + name.lower()] = run(8, {"v": s(0.5)._ref_v, "i": syn._ref_i})
    del fih, nc, syn, s

s = soma()
s.insert("pas")
al = h.AlphaSynapse(s(0.5))
al.onset, al.tau, al.gmax = 1, 0.5, 0.01
out["pas_alphasynapse"] = run(8, {"v": s(0.5)._ref_v, "i": al._ref_i})
del al, s

dummy = soma()   # recording needs a section to exist
ns = h.NetStim()
ns.start, ns.interval, ns.number, ns.noise = 1, 2, 4, 0
tv = h.Vector()
nc = h.NetCon(ns, None)
nc.record(tv)
run(12, {"t": h._ref_t})
out["netstim_times"] = list(tv)
del nc, ns

cell = h.IntFire1()
cell.tau, cell.refrac = 4, 2
tv = h.Vector()
nco = h.NetCon(cell, None)
nco.record(tv)
nci = h.NetCon(None, cell)
nci.weight[0] = 0.6
nci.delay = 0
fih = h.FInitializeHandler(lambda: [nci.event(x) for x in (1.0, 2.0, 3.0, 3.5, 6.0, 6.5)])
run(10, {"t": h._ref_t})
out["intfire1_times"] = list(tv)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "stdmech_reference.json"), "w") as f:
    json.dump(out, f)
