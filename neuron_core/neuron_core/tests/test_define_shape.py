"""define_shape() gives NEURON's 3-D points to the bit (float32 layout, single-precision trig,
arc-order diameters, translated sections with points), checked on random trees against
NEURON 9.0.2's output."""
import os
import subprocess
import sys

HERE = os.path.join(os.path.dirname(__file__), "data")


def test_random_trees_match_neuron(tmp_path):
    out = tmp_path / "ours.txt"
    # a fresh process: define_shape places root sections by their index among all sections
    subprocess.run([sys.executable, os.path.join(HERE, "define_shape_trees.py"), str(out)], check=True)
    ref = open(os.path.join(HERE, "define_shape_trees_nrn902.txt")).read().splitlines()
    ours = out.read_text().splitlines()
    assert len(ours) == len(ref)
    for i, (a, b) in enumerate(zip(ref, ours)):
        if i % 2 == 0:
            assert a == b, "points of line %d" % i
        else:
            La, area_a, ri_a = map(float, a.split())
            Lb, area_b, ri_b = map(float, b.split())
            assert (La, area_a) == (Lb, area_b), "L/area of line %d" % i
            assert abs(ri_a - ri_b) <= 1e-14 * abs(ri_a), "ri of line %d" % i
