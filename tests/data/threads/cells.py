"""Models of tests/test_thread_safety.py, run the same way by NEURON 9.0.2
(make_reference.py) and by this implementation."""


def lag_cells(h, nthread):
    """Four cells with thrlag and a current step each, on nthread threads: y of each cell."""
    keep = []
    for k in range(4):
        s = h.Section(name="s%d" % k)
        s.nseg = 3
        s.insert("thrlag")
        ic = h.IClamp(s(0.5))
        ic.delay, ic.dur, ic.amp = 0.1 * k, 1e9, 0.01 * (k + 1)
        keep += [s, ic]
    pc = h.ParallelContext()
    pc.nthread(nthread)
    h.finitialize(-65)
    for _ in range(40):
        h.fadvance()
    out = [seg.thrlag.y for s in keep[::2] for seg in s] + [seg.v for s in keep[::2] for seg in s]
    pc.nthread(1)
    return out
