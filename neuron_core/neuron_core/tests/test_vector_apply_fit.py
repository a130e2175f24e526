"""Vector.apply / reduce with Python callables and HOC functions (through the resolver hook),
and Vector.fit (NEURON 9.0.2 gives exactly these parameters and errors)."""
import math

import numpy as np
import pytest

from neuron_core.refs import array_ref
from neuron_core.vector import Vector, set_hoc_function_resolver


@pytest.fixture
def hoc_functions():
    """Stand-in for the HOC interpreter: a table of named functions."""
    table = {"sin": math.sin, "sqrt": math.sqrt, "sq": lambda x: x * x,
             "subtract_two": lambda x: x - 2,
             "fun": lambda x, a, b: (x - 0.5) * 2 + (a - 0.5) * 2}
    set_hoc_function_resolver(table.get)
    yield table
    set_hoc_function_resolver(None)


def test_apply_python_callables():
    vec = Vector([4, -1.5, 17])
    assert vec.apply(lambda x: x + 2) is vec
    assert vec.to_python() == [6.0, 0.5, 19.0]
    v = Vector([1, 2, 20])
    v.apply(lambda x: x * x + 7 if x > 13 else x - 2)
    assert v.to_python() == [-1.0, 0.0, 407.0]
    assert Vector([1, 2, 3, 4]).apply(lambda x: x * 2, 1, 2).to_python() == [1.0, 4.0, 6.0, 4.0]
    assert Vector([0.5]).apply(np.sin).to_python() == [math.sin(0.5)]


@pytest.mark.parametrize("bad", [
    lambda v: v.apply(lambda x: x, 1, 2, 5),
    lambda v: v.apply("hocfunctionthatdoesnotexist"),
    lambda v: v.apply(v),
    lambda v: v.apply(42),
    lambda v: v.apply(lambda x: "a"),
])
def test_apply_errors(bad):
    with pytest.raises(RuntimeError):
        bad(Vector([1, 2, 3]))


def test_apply_and_reduce_hoc_functions(hoc_functions):
    v = Vector((3, 2, 15, 16))
    assert v.c().apply("sin").to_python() == [0.1411200080598672, 0.9092974268256817,
                                              0.6502878401571168, -0.2879033166650653]
    assert v.c().apply("sin", 1, 2).to_python() == [3.0, 0.9092974268256817, 0.6502878401571168, 16.0]
    assert v.c().apply("sq").to_python() == [9.0, 4.0, 225.0, 256.0]
    assert v.reduce("sq", 100) == 594.0
    assert v.reduce("sq") == 494.0
    assert v.reduce("sq", 0, 1, 2) == 229.0
    assert Vector(range(0, 10, 2)).reduce("sq", 100) == 220.0
    w = Vector([6.0, 0.5, 19.0]).apply("subtract_two")
    assert w.to_python() == [4.0, -1.5, 17.0]
    with pytest.raises(RuntimeError):
        v.reduce("nothere")


def test_fit_with_a_named_function(hoc_functions):
    dvec = Vector(2)
    fvec = Vector(2).fill(1)
    ivec = Vector(2).indgen()
    a = np.array([2.0])
    b = np.array([1.0])
    error = dvec.fit(fvec, "fun", ivec, array_ref(a, 0), array_ref(b, 0))
    assert error == 1.0005759999999997
    assert fvec.to_python() == [-0.9760000000000058, 1.0239999999999942]
    assert (a[0], b[0]) == (0.5119999999999971, 1.1720000000000002)
    assert ivec.to_python() == [0.0, 1.0] and dvec.to_python() == [0.0, 0.0]


def test_fit_builtin_models():
    dvec = Vector(2)
    fvec = Vector([-0.9760000000000058, 1.0239999999999942])
    ivec = Vector(2).indgen()
    p = np.array([5, 1, 6, 8], "d")
    refs = [array_ref(p, i) for i in range(4)]
    expected = [
        ("exp2", 4, 8.442756842706686, [3.5509029388427824, 2.067994681891388],
         [2.9453868865966797, 1.5002216339111336, 0.6055160522461027, 11.631716918945326]),
        ("exp1", 4, 2.5653639385348724e-06, [-0.0019832568782510995, -0.0010942668924624594],
         [-0.0019832568782510995, 1.6816452295073088, 0.7421842128071939, 16.17241899550032]),
        ("charging", 4, 7.288763182752445e-08, [0.0, 0.00038180526928664684],
         [-0.0024311174169142106, 1.929298291419441, 0.03864268743195192, 27.803599302251577]),
        ("quad", 3, 0.0010239221022848835, [0.045076720134609116, -0.0039916796559709145],
         [-0.003631469740685961, -0.04543693004989407, 0.045076720134609116, 27.803599302251577]),
        ("line", 2, 6.593786238758728e-06, [4.163336342344337e-17, -0.003631469740685919],
         [-0.0036314697406859605, 4.163336342344337e-17, 0.045076720134609116, 27.803599302251577]),
    ]
    for name, k, err, fitted, params in expected:
        assert dvec.fit(fvec, name, ivec, *refs[:k]) == err
        assert fvec.to_python() == fitted
        assert p.tolist() == params
    with pytest.raises(RuntimeError):
        dvec.fit(fvec, "exp2", ivec, refs[0])


def test_fit_with_a_python_callable_matches_the_builtin():
    # NEURON's simplex stops early from this start: error 22.09 with slope 2.2 (NEURON 9.0.2)
    x = Vector(range(10))
    y = x.c().mul(3).add(1)
    p = np.array([1.0, 0.5])
    q = np.array([1.0, 0.5])
    err = y.fit(Vector(), "line", x, array_ref(p, 0), array_ref(p, 1))
    assert err == 22.089999999999943 and p.tolist() == [2.200000000000001, 0.5]
    fitted = Vector()
    err2 = y.fit(fitted, lambda t, a, b: a * t + b, x, array_ref(q, 0), array_ref(q, 1))
    assert err2 == err and q.tolist() == p.tolist()
    assert fitted.to_python() == [2.200000000000001 * t + 0.5 for t in range(10)]
