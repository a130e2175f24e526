"""Random trees for define_shape: sections with and without 3-D points, attached at 0, 0.3,
0.5 or 1 of their parent by either end, uniform and per-segment diameters.

`python define_shape_trees.py OUT` writes every section's points and L, area(0.5), ri(0.5)
after h.define_shape(); define_shape_trees_nrn902.txt is that output from NEURON 9.0.2.
"""
import random
import sys

SEEDS = range(15)


def build(h, seed):
    rng = random.Random(seed)
    secs = []
    for i in range(10):
        s = h.Section(name="s%d" % i)
        s.nseg = rng.choice([1, 3, 5])
        if rng.random() < 0.25:
            x, y, z = (rng.uniform(-50, 50) for _ in range(3))
            for k in range(rng.choice([2, 4])):
                s.pt3dadd(x + 10 * k, y + rng.uniform(-5, 5), z + 3 * k, rng.uniform(0.5, 3))
        else:
            s.L = rng.uniform(5, 200)
            s.diam = rng.uniform(0.5, 4)
            if rng.random() < 0.4:
                for seg in s:
                    seg.diam = rng.uniform(0.5, 4)
        if secs and rng.random() < 0.85:
            p = rng.choice(secs)
            s.connect(p(rng.choice([0, 0.5, 1, 1, 0.3])), rng.choice([0, 0, 1]))
        secs.append(s)
    return secs


def describe(h):
    """Lines of points ("x,y,z,d;...") and of "L area ri", two per section, for every seed."""
    out = []
    for seed in SEEDS:
        secs = build(h, seed)
        h.define_shape()
        for sec in secs:
            out.append(";".join("%r,%r,%r,%r" % (sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i))
                                for i in range(sec.n3d())))
            out.append("%r %r %r" % (sec.L, sec(0.5).area(), sec(0.5).ri()))
        del secs, sec
    return out


if __name__ == "__main__":
    from neuron import h
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(describe(h)) + "\n")
