"""Produces ldifus_reference.json with NEURON 9.0.2 (run with NEURON's python in a folder
where `nrnivmodl` has built ../mod/t_ldifus.mod and t_ldifus2.mod): LONGITUDINAL_DIFFUSION on
a small tree, fixed step dt = 0.025 ms.  Section a (L 30, nseg 3, diam 1) with b (L 20, nseg 2, diam 1)
and c (L 40, nseg 2, diam 0.5) attached at a(1); test_ldifus.py gives the mechanism
NEURON's couplings for this tree and checks these numbers."""
import json
import os

from neuron import h

a, b, c = h.Section(name="a"), h.Section(name="b"), h.Section(name="c")
for sec, (L, nseg, diam) in zip((a, b, c), ((30, 3, 1), (20, 2, 1), (40, 2, 0.5))):
    sec.L, sec.nseg, sec.diam = L, nseg, diam
    sec.insert("tldif")
b.connect(a(1))
c.connect(a(1))
segs = list(a) + list(b) + list(c)
h.dt = 0.025
h.finitialize(-65)
init = {"c": [1.0, 0.0, 0.5, 0.0, 0.25, 0.75, 0.0],
        "ca0": [1e-3 * (k + 1) for k in range(7)],
        "ca1": [2e-3 * (7 - k) for k in range(7)]}
for k, seg in enumerate(segs):
    seg.tldif.c = init["c"][k]
    seg.tldif.ca[0] = init["ca0"][k]
    seg.tldif.ca[1] = init["ca1"][k]
steps = []
for _ in range(40):
    h.fadvance()
    steps.append({"c": [s.tldif.c for s in segs], "ca0": [s.tldif.ca[0] for s in segs],
                  "ca1": [s.tldif.ca[1] for s in segs], "cai": [s.cai for s in segs]})
# ko of the k ion diffusing on its own (t_ldifus2.mod), on section d (L 30, nseg 3, diam 2)
d = h.Section(name="d")
d.L, d.nseg, d.diam = 30, 3, 2
d.insert("tldifk")
h.finitialize(-65)
for k, seg in enumerate(d):
    seg.ko = [10.0, 2.0, 5.0][k]
ko = []
for _ in range(40):
    h.fadvance()
    ko.append([seg.ko for seg in d])
out = {"init": init, "steps": steps, "ko": ko}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ldifus_reference.json"), "w") as f:
    json.dump(out, f)
