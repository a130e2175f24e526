"""FUNCTION_TABLE given through addresses, and a procedure writing through hoc_pgetarg: the
same calls run by NEURON 9.0.2 (make_reference.py) and by this implementation
(tests/test_pgetarg.py).  run(h) returns the numbers NEURON prints."""
import numpy as np


def run(h, numpy_element_ref):
    out = {}
    y = h.Vector([1.0, 2, 5, 9, 10])
    x = h.Vector([0.0, 1, 1.5, 3, 4])
    h.table_tau1_ftab(y._ref_x[0], 5, x._ref_x[0])
    out["tau1_points"] = [h.get1_ftab(a) for a in (1.5, -3, 2.0, 0.3, 3.99, 9, 1.25)]
    h.table_tau1_ftab(y._ref_x[0], 5, 0.0, 4.0)
    out["tau1_range"] = [h.get1_ftab(a) for a in (1.0, 1.3, -1, 4.5, 3.7)]
    # from the second element on: a table of 4 values
    h.table_tau1_ftab(y._ref_x[1], 4, x._ref_x[1])
    out["tau1_offset"] = [h.get1_ftab(a) for a in (1.2, 2.0, 3.5, 0.5)]
    t2 = h.Vector([1.0, 2, 3, 10, 20, 30])
    xs = h.Vector([0.0, 0.3, 2])
    pts = [(0.5, 0.5), (0.25, 1.5), (1, 2), (0, 0.75), (0.5, 0), (-1, 5), (0.3, 0.3)]
    h.table_tau2_ftab(t2._ref_x[0], 2, 0, 1, 3, 0, 2)
    out["tau2_ranges"] = [h.get2_ftab(a, b) for a, b in pts]
    h.table_tau2_ftab(t2._ref_x[0], 2, 0, 1, 3, xs._ref_x[0])
    out["tau2_points"] = [h.get2_ftab(a, b) for a, b in pts]
    arr = np.arange(24.0)
    h.table_f3_ftab(numpy_element_ref(arr, 0), 2, 0, 1, 3, 0, 2, 4, 0, 3)
    out["f3"] = [h.get3_ftab(*p) for p in [(0.5, 1.5, 2.5), (1, 2, 3), (0.9, 0.9, 0.9),
                                           (0.2, 1.99, 1.2)]]
    # HOC: &array[0] of HOC doubles and of Vectors
    h("double yy[5], xx[5]")
    for k in range(5):
        h.yy[k] = 3 * k * k
        h.xx[k] = k
    h("table_tau1_ftab(&yy[0], 5, &xx[0])")
    out["hoc_array"] = [h.get1_ftab(a) for a in (0.5, 2.25, 3.9)]
    h("objref hy, hx")
    h("hy = new Vector(3)\nhy.x[0] = 4\nhy.x[1] = 6\nhy.x[2] = 1")
    h("hx = new Vector(3)\nhx.x[0] = -1\nhx.x[1] = 0\nhx.x[2] = 5")
    h("table_tau1_ftab(&hy.x[0], 3, &hx.x[0])")
    out["hoc_vector"] = [h.get1_ftab(a) for a in (-0.5, 2.5, 7)]
    # writes through hoc_pgetarg
    v = h.Vector([1.0, 2, 3, 4, 5])
    h.twice_ftab(v._ref_x[1], 3)
    out["twice_vector"] = list(v)
    a = np.array([1.0, 2, 3, 4])
    h.twice_ftab(numpy_element_ref(a, 2), 2)
    out["twice_numpy"] = list(a)
    s = h.Section(name="s")
    h.finitialize(-65)
    h.twice_ftab(s(0.5)._ref_v, 1)
    out["twice_v"] = s(0.5).v
    r = h.ref(3.5)
    h.twice_ftab(r, 1)
    out["twice_ref"] = r[0]
    h("double zz[3]\nzz[0] = 1\nzz[1] = 7\nzz[2] = 9\ntwice_ftab(&zz[1], 2)")
    out["twice_hoc_array"] = [h.zz[0], h.zz[1], h.zz[2]]
    h("qq = 2.5\ntwice_ftab(&qq, 1)")
    out["twice_hoc_scalar"] = h.qq
    return out
