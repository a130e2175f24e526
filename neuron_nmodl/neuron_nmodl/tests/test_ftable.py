"""FUNCTION_TABLE of one, two and three arguments (t_ftable.mod) against NEURON 9.0.2: the
numbers below are what NEURON prints for the same calls (with `vec._ref_x[0]` where a
Vector stands here for an address), i.e. hoc_func_table's lookups: linear in one argument,
bilinear in two, the grid point at or below in three, end values outside the ranges."""
import numpy as np
import pytest

Y = np.array([1., 2, 5, 9, 10])
X = np.array([0, 1, 1.5, 3, 4])
T2 = np.array([1., 2, 3, 10, 20, 30])
PTS2 = [(0.5, 0.5), (0.25, 1.5), (1, 2), (0, 0.75), (0.5, 0), (-1, 5), (0.3, 0.3)]


def call(lib, name, *args):
    return lib.call("tftab", name, *args)


def test_one_argument(testlib):
    call(testlib, "table_tau", Y, X)
    got = [call(testlib, "gettau", a) for a in (1.5, -3, 2.0, 0.3, 3.99, 9)]
    assert got == [5.0, 1.0, 6.333333333333334, 1.2999999999999998, 9.99, 10.0]
    call(testlib, "table_tau", Y, 5, 0.0, 4.0)
    got = [call(testlib, "gettau", a) for a in (1.0, 1.3, -1, 4.5, 3.7)]
    assert got == [2.0, 2.9000000000000004, 1.0, 10.0, 9.7]
    call(testlib, "table_tau", Y, 5, X)
    assert [call(testlib, "gettau", a) for a in (1.25, 0.1, 3.5)] == [3.5, 1.1, 9.5]
    assert call(testlib, "tau", 1.25) == 3.5       # callable itself from HOC/Python


def test_two_arguments(testlib):
    call(testlib, "table_tau2", T2, 2, 0, 1, 3, 0, 2)
    assert [call(testlib, "get2", a, b) for a, b in PTS2] == [8.25, 8.125, 30.0, 1.75, 5.5, 3.0,
                                                              4.81]
    call(testlib, "table_tau2", T2, 2, 0, 1, 3, np.array([0, 0.3, 2]))
    assert [call(testlib, "get2", a, b) for a, b in PTS2] == [
        11.647058823529413, 8.794117647058824, 30.0, 2.264705882352941, 5.5, 3.0, 7.4]
    call(testlib, "table_tau2", 7.5)
    assert call(testlib, "get2", 3, 4) == 7.5


def test_three_arguments_take_the_grid_point_below(testlib):
    call(testlib, "table_f3", np.arange(24.), 2, 0, 1, 3, 0, 2, 4, 0, 3)
    pts = [(0.5, 1.5, 2.5), (1, 2, 3), (0.9, 0.9, 0.9), (0.2, 1.99, 1.2)]
    assert [call(testlib, "get3", *p) for p in pts] == [6.0, 23.0, 0.0, 5.0]


@pytest.mark.parametrize("name,args,message", [
    ("table_tau", (Y, X[:3]), "not same size"),
    ("table_tau2", (T2, X), "only for functions"),
    ("table_tau", (Y, 0.0, 4.0), "size arg < 1"),      # NEURON has no (y, min, max) form
])
def test_bad_tables_are_neurons_errors(testlib, name, args, message):
    testlib.errors.clear()
    call(testlib, name, *args)
    assert any(message in e for e in testlib.errors)
    testlib.errors.clear()
