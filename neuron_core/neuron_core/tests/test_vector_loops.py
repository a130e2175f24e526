"""The C element loops of Vector (vecops.c) and the engine struct made on first use.

Expected numbers were printed by NEURON 9.0.2."""
import functools
import math
import operator

import numpy as np

from neuron_core._engine import ffi
from neuron_core.vector import Vector

XS = [1e16, 1.0, -1e16, 1.0, 0.1, 0.2, 0.3, 1e-17, 3.0, -0.7]


def _sign(x: float) -> float:
    return math.copysign(1.0, x)


def test_sums_run_left_to_right_from_zero():
    v = Vector(XS)
    assert v.sum() == 3.8999999999999995  # a pairwise sum gives 4.0
    assert v.sum(1, 5) == -1e16
    assert v.mean() == 0.38999999999999996
    assert v.sumsq() == 2e32 and v.dot(v) == 2e32
    assert _sign(Vector([-0.0]).sum()) == 1.0 and _sign(Vector([-0.0, -0.0]).sum(0, 1)) == 1.0
    rng = np.random.default_rng(5)
    x = rng.standard_normal(10001) * 10.0 ** rng.integers(-8, 8, 10001)
    assert Vector(x).sum() == functools.reduce(operator.add, x.tolist(), 0.0)


def test_indgen_is_i_times_step_plus_start():
    w = Vector(10)
    w.indgen(0.1, 0.7)
    assert [x.hex() for x in w][:4] == ['0x1.999999999999ap-4', '0x1.9999999999999p-1',
                                        '0x1.8000000000000p+0', '0x1.1999999999999p+1']
    assert w.sum() == 32.5
    for args in [(-1,), (0.0, -2)]:
        z = Vector(3)
        z.indgen(*args)
        assert [_sign(x) for x in z] == [1.0, -1.0, -1.0]  # 0*(-1) + 0 is +0.0
    assert Vector(3).indgen(0, -3, -1.5).to_python() == [0.0, -1.5, -3.0]


def test_in_place_arithmetic_chain():
    a = Vector(XS)
    w = Vector(10).indgen(0.1, 0.7)
    sums = []
    for method, arg in [("add", w), ("sub", 0.3), ("mul", w), ("div", 3.0), ("div", w)]:
        getattr(a, method)(arg)
        sums.append(a.sum())
    assert sums == [38.0, 35.9, -1.3999999999999844e+16, -4666666666666614.0, 11.633333333333333]
    x = np.array(XS)
    assert Vector(XS).add(np.int64(2)).to_python() == (x + 2.0).tolist()
    assert Vector(XS).mul(True).to_python() == XS
    assert Vector(XS).add(Vector(XS)).to_python() == (x + x).tolist()  # self-aliasing is fine
    assert [_sign(x) for x in Vector(3).fill(-2).mul(0)] == [-1.0, -1.0, -1.0]
    assert Vector().add(1.0).size() == 0


def test_sort_moves_elements_as_std_sort():
    # NEURON sorts with std::sort: -0.0 and 0.0 are equal and end in its (unstable) order
    signed = {"p": 0.0, "n": -0.0, "a": 1.0, "b": -1.0}
    v = Vector([signed[c] for c in "anbpppapnppbbpnpbppnpbpnpnabnpanpnapppnbbabbaannnpababappbna"])
    assert "".join("n" if x == 0 and _sign(x) < 0 else "p" if x == 0 else "a" if x > 0 else "b"
                   for x in v.sort()) == \
        "bbbbbbbbbbbbbppnpnppppnnnnnppnppppnppnnpppnppnpnaaaaaaaaaaaa"
    nan = float("nan")
    v = Vector([0.15, 0.49, 0.04, nan, 0.76, 0.57, 0.88, 0.31, 0.7, 0.59, 0.58, 0.46, 0.84, 0.94,
                0.47, 0.66, 0.06, nan, 0.65, 0.99, 0.82, 0.28, 0.39, 0.67])
    assert repr(v.sort().to_python()) == repr(
        [0.04, 0.15, 0.28, 0.31, 0.39, 0.46, 0.49, 0.57, 0.58, 0.59, 0.65, 0.67, nan, 0.06, 0.47,
         0.66, 0.7, 0.76, 0.82, 0.84, 0.88, 0.94, 0.99, nan])
    # already ascending, but std::sort still reorders the zeros of different sign
    v = Vector([signed[c] for c in "bbbpnpnnppnpnnnpnpppnnpnpnnppnnnnppaaa"])
    assert "".join("n" if x == 0 and _sign(x) < 0 else "p" if x == 0 else "a" if x > 0 else "b"
                   for x in v.sort()) == "bbbppnnpnpnnpnnnnppppnpnnppnpnnnpnpaaa"
    x = np.random.default_rng(2).standard_normal(5000)
    assert Vector(x).sort().to_python() == np.sort(x).tolist()
    assert Vector(np.sort(x)).sort().to_python() == np.sort(x).tolist()
    assert Vector(50, 3.0).sort().to_python() == [3.0] * 50
    assert Vector([2.0]).sort().to_python() == [2.0] and Vector().sort().size() == 0


def test_engine_struct_is_made_on_first_use_and_then_follows_the_buffer():
    v = Vector(3)
    assert not hasattr(v, "_handle")
    cv = v._cv
    assert v._cv is cv and cv.size == 3 and cv.cap == 3
    v.resize(100)
    v.x[99] = 7.0
    assert (cv.size, cv.cap) == (100, 100)
    assert ffi.cast("double*", cv.data)[99] == 7.0
    assert ffi.cast("intptr_t", cv.data) == v.as_numpy().__array_interface__["data"][0]
    e = Vector()
    assert e._cv.data == ffi.NULL and e._cv.cap == 0
    e.append(1.5)
    assert e._cv.data[0] == 1.5 and e.size() == 1


def test_python_subclass_may_skip_vectors_init():
    class Named(Vector):
        def __init__(self, name):
            self.name = name

    class Sized(Vector):
        def __init__(self, n):
            super().__init__(n)

    a = Named("a")
    assert a.size() == 0 and a.name == "a" and a.hname().startswith("Vector[")
    assert Sized(3).to_python() == [0.0, 0.0, 0.0]
    assert type(Sized(2).c()) is Vector
