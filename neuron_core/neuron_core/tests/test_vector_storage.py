"""Vector storage, construction and the Python protocols (NEURON's test_vector.py behaviours).

Expected numbers were printed by NEURON 9.0.2."""
import gc
import pickle
import sys
import weakref

import numpy as np
import pytest

from neuron_core._engine import ffi, lib
from neuron_core.errors import NeuronError
from neuron_core.vector import Vector


def test_construction_forms():
    assert Vector().to_python() == []
    assert Vector(3).to_python() == [0.0, 0.0, 0.0]
    assert Vector(3, 1).to_python() == [1.0, 1.0, 1.0]
    assert Vector(2.7).size() == 2
    assert Vector((1, 2, 3)).to_python() == [1.0, 2.0, 3.0]
    assert Vector(range(5)).to_python() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert Vector(x for x in range(3)).to_python() == [0.0, 1.0, 2.0]
    assert Vector(np.array([5, 1, 6], "d")).to_python() == [5.0, 1.0, 6.0]
    assert Vector(np.array([1, 2], dtype=np.int32)).to_python() == [1.0, 2.0]
    assert Vector(Vector([4, 5])).to_python() == [4.0, 5.0]


@pytest.mark.parametrize("bad", [-1, "abc", {1: 2}, [1, "a"]])
def test_construction_errors(bad):
    with pytest.raises(RuntimeError):
        Vector(bad)


def test_buffer_size_follows_std_vector():
    # NEURON: Vector(10) -> 10; push_back doubles; resize grows to max(2*size, n)
    assert Vector(10).buffer_size() == 10
    a = Vector()
    caps = []
    for i in range(5):
        a.append(i)
        caps.append(a.buffer_size())
    assert caps == [1, 2, 4, 4, 8]
    b = Vector(10)
    b.resize(5)
    assert b.buffer_size() == 10
    b.resize(11)
    assert b.buffer_size() == 11
    b.resize(30)
    assert b.buffer_size() == 30
    c = Vector([1, 2, 3])
    c.append(Vector(5))
    assert (c.buffer_size(), c.size()) == (8, 8)
    v = Vector([3, 3, 2, 1, 5])
    assert v.buffer_size(10) == 10
    with pytest.raises(RuntimeError):
        v.buffer_size(1)  # below the size


def test_resize_zero_fills_and_keeps_values():
    v = Vector([1, 2, 3])
    v.resize(1)
    v.resize(4)
    assert v.to_python() == [1.0, 0.0, 0.0, 0.0]
    assert v.clear().size() == 0


def test_nrn_vec_struct_tracks_the_buffer():
    v = Vector([1, 2, 3])
    assert v._cv.size == 3 and v._cv.cap == v.buffer_size()
    assert ffi.cast("intptr_t", v._cv.data) == v.as_numpy().__array_interface__["data"][0]
    assert ffi.from_handle(v._cv.handle)() is v


def test_engine_appends_grow_through_the_python_callback():
    v = Vector()
    view_before = v.as_numpy()
    for i in range(1000):
        lib.nrn_vec_append(v._cv, float(i))
    assert v.size() == 1000
    assert v.to_python() == [float(i) for i in range(1000)]
    assert v.buffer_size() >= 1000
    assert len(view_before) == 0  # an old view stays valid (and unchanged)
    lib.nrn_vec_reserve(v._cv, 5000)
    assert v.buffer_size() == 5000 and v.size() == 1000


def test_vector_is_freed_without_the_cycle_collector():
    v = Vector(100)
    r = weakref.ref(v)
    gc.disable()
    try:
        del v
        assert r() is None
    finally:
        gc.enable()


def test_as_numpy_shares_memory():
    v = Vector(range(5))
    a = v.as_numpy()
    v[1] += 10
    a[2] += 20
    assert a.tolist() == [0.0, 11.0, 22.0, 3.0, 4.0]
    assert v.to_python() == [0.0, 11.0, 22.0, 3.0, 4.0]


def test_array_interface():
    v = Vector(10)
    endian = {"little": "<", "big": ">"}[sys.byteorder]
    assert v.__array_interface__["typestr"][0] == endian
    assert v.__array_interface__["typestr"] == np.array([], dtype=float).__array_interface__["typestr"]
    a = np.random.default_rng(3).normal(size=1000)
    assert np.array_equal(np.array(Vector(a)), a)
    assert np.array_equal(np.array(Vector(a[::-1]))[::-1], a)


def test_negative_index_and_errors():
    lst = list(range(10))
    v = Vector(lst)
    assert v[-3] == lst[-3]
    v[-3] = 42
    assert v[-3] == 42.0
    assert v[np.int64(2)] == 2.0
    for bad in (10, -11):
        with pytest.raises(IndexError):
            v[bad]
    with pytest.raises(TypeError):
        v[1.5]
    with pytest.raises(TypeError):
        v[0] = "a"
    assert type(v[0]) is float


def test_slicing_matches_lists():
    lst = [float(i) for i in range(10)]
    v = Vector(lst)
    for s in [slice(2, 6), slice(-3, -1), slice(None, None, 2), slice(None, None, -2),
              slice(3, 6, 2), slice(7, -9, -2), slice(-1, None, -3), slice(-2, None, -6),
              slice(7, -1, -2), slice(3, 2, -2), slice(5, None), slice(20, None)]:
        got = v[s]
        assert isinstance(got, Vector)
        assert got.to_python() == lst[s]


def test_slice_assignment():
    lst = [float(i) for i in range(10)]
    v = Vector(lst)
    for s, vals in [(slice(2, 4), [12, 13]), (slice(-3, -1), [-9, -9]),
                    (slice(None, None, 2), range(277, 282)),
                    (slice(None, None, -2), range(-377, -372)), (slice(3, 6, 2), [-123, -456])]:
        v[s] = vals
        lst[s] = [float(x) for x in vals]
        assert v.to_python() == lst
    v2 = Vector(range(10, 20))
    v[3:8] = v2[3:8]
    assert v[3:8].to_python() == v2[3:8].to_python()
    with pytest.raises(IndexError):
        v[0:3] = [55]
    with pytest.raises(IndexError):
        v[3:7] = (x for x in range(100, 120))
    with pytest.raises(TypeError):
        v[0:2] = 5


def test_iteration_and_python_builtins():
    v = Vector([1, 2, 3])
    assert [type(x) for x in v] == [float, float, float]
    assert len(v) == 3 and bool(v) and not bool(Vector())
    assert list(reversed(v)) == [3.0, 2.0, 1.0]
    assert 3 in v and 2.0000000000001 not in v
    assert v.x[1] == 2.0
    v.x[1] = 7
    assert v[1] == 7.0
    assert repr(v) == v.hname() and v.hname().startswith("Vector[")


def test_identity_equality():
    v = Vector([1, 2])
    assert v == v and not (v == v.c()) and v != v.c()
    assert hash(v) == hash(v)


def test_pickle_round_trip():
    v = Vector([3, 3, 2, 1, 5])
    v.label("lab")
    w = pickle.loads(pickle.dumps(v))
    assert isinstance(w, Vector) and w is not v
    assert w.to_python() == v.to_python() and w.label() == "lab"


def test_to_python_and_from_python():
    v = Vector([1, 2, 3])
    assert v.to_python() == [1.0, 2.0, 3.0]
    target = np.zeros(3)
    assert v.to_python(target) is target and target.tolist() == [1.0, 2.0, 3.0]
    lst = [0, 0, 0]
    assert v.to_python(lst) is lst and lst == [1.0, 2.0, 3.0]
    with pytest.raises(RuntimeError):
        v.to_python([0])
    assert Vector().from_python((1, 2, 3)).to_python() == [1.0, 2.0, 3.0]
    assert Vector().from_python(np.array([1.0, 2, 3, 4])).to_python() == [1.0, 2.0, 3.0, 4.0]


def test_from_double_reads_consecutive_doubles():
    from neuron_core.refs import array_ref

    a = np.array([5.0, 1.0, 6.0, 7.0])
    assert Vector().from_double(3, array_ref(a, 0)).to_python() == [5.0, 1.0, 6.0]
    assert Vector().from_double(2, array_ref(a, 2)).to_python() == [6.0, 7.0]
    v = Vector([9, 8, 7])
    assert Vector().from_double(2, v._ref_x[1]).to_python() == [8.0, 7.0]


def test_ref_x_follows_reallocation():
    v = Vector([1, 2])
    r = v._ref_x[1]
    for i in range(100):
        v.append(i)
    r[0] = 5.0
    assert v[1] == 5.0 and r[0] == 5.0
    with pytest.raises(IndexError):
        v._ref_x[1000]


def test_operators():
    u, w = Vector([1, 2, 3]), Vector([4, 5, 6])
    assert (u * w).to_python() == [4.0, 10.0, 18.0]
    assert (u / w).to_python() == [0.25, 0.4, 0.5]
    assert (w - u).to_python() == [3.0, 3.0, 3.0]
    assert (u + w).to_python() == [5.0, 7.0, 9.0]
    assert (1 / u).to_python() == [1.0, 0.5, 0.3333333333333333]
    assert (2 - u).to_python() == [1.0, 0.0, -1.0]
    assert (3 * u).to_python() == [3.0, 6.0, 9.0]
    assert (-u).to_python() == [-1.0, -2.0, -3.0]
    assert abs(-u).to_python() == [1.0, 2.0, 3.0]
    assert (+u).to_python() == u.to_python() and (+u) is not u
    out = u + np.array([1, 2, 3])
    assert isinstance(out, np.ndarray) and out.tolist() == [2.0, 4.0, 6.0]
    with pytest.raises(TypeError):
        u + [1, 2, 3]
    with pytest.raises(RuntimeError):
        u + Vector(2)
    with pytest.raises(RuntimeError):
        u / 0
    with pytest.raises(RuntimeError):
        1 / Vector([0, 1])
    v = Vector([1, 2])
    v += 1
    assert v.to_python() == [2.0, 3.0]
