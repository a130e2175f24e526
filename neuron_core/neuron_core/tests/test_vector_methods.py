"""Vector reductions, edits and searches (NEURON's test_vector_api.py behaviours).

Expected values were printed by NEURON 9.0.2."""
import numpy as np
import pytest

from neuron_core.vector import Vector, set_float_epsilon_getter


@pytest.fixture
def v():
    return Vector([3, 3, 2, 1, 5])


def test_statistics(v):
    assert v.median() == 3.0
    assert v.mean() == 2.8
    assert v.stdev() == 1.4832396974191326
    assert v.stdev(0, 3) == 0.9574271077563381
    assert v.stderr() == 0.6633249580710799
    assert v.stderr(1, 3) == 0.5773502691896258
    assert v.sum() == 14.0 and v.sum(1, 3) == 6.0
    assert v.sumsq() == 48.0 and v.sumsq(2, 4) == 30.0
    assert v.var() == 2.2 and v.var(2, 3) == 0.5 and v.var(0, 3) == 0.9166666666666666
    assert v.dot(Vector((1, 2, 3, 4, 5))) == 44.0
    assert v.mag() == 6.928203230275509
    assert v.c().reverse().meansqerr(v) == 3.2
    assert v.c().reverse().meansqerr(v, Vector((1, 2, 5, 4, 3))) == 8.0


def test_mean_of_a_range_uses_neurons_formula(v):
    # NEURON 9.0.2 returns sum/end - start + 1 for mean(start, end)
    assert v.mean(1, 3) == 2.0
    assert v.mean(0, 3) == 4.0
    assert Vector(range(1, 30)).mean(3, 10) == 4.0
    with pytest.raises(RuntimeError):
        v.mean(2, 2)


def test_statistics_errors():
    with pytest.raises(RuntimeError):
        Vector().mean()
    with pytest.raises(RuntimeError):
        Vector([1]).var()
    with pytest.raises(RuntimeError):
        Vector([5]).stdev()
    with pytest.raises(RuntimeError):
        Vector().median()
    assert Vector().sum() == 0.0


def test_extremes(v):
    assert v.min() == 1.0 and v.min(0, 2) == 2.0 and Vector().min() == 0.0
    assert v.min_ind() == 3 and v.min_ind(0, 2) == 2 and v.min_ind(1, 4) == 3
    assert Vector().min_ind() == -1.0
    assert v.max() == 5.0 and v.max(0, 2) == 3.0 and Vector().max() == 0.0
    assert v.max_ind() == 4 and v.max_ind(0, 2) == 0 and Vector().max_ind() == -1.0
    v3 = Vector([4, 2, 61, 17, 13])
    assert (v3.max_ind(2, 4), v3.max_ind(1, 2), v3.max_ind(3, 4)) == (2, 2, 3)
    v4 = Vector([4, 2, 61, 13, 17])
    assert (v4.min_ind(), v4.min_ind(1, 2), v4.min_ind(2, 4)) == (1, 1, 3)
    assert type(v.max_ind()) is int


def test_copy_forms(v):
    def cp(*args, dest=None):
        d = Vector() if dest is None else dest
        d.copy(v, *args)
        return d.to_python()

    assert cp() == [3.0, 3.0, 2.0, 1.0, 5.0]
    assert cp(2) == [0.0, 0.0, 3.0, 3.0, 2.0, 1.0, 5.0]
    assert cp(2, 3) == [2.0, 1.0]
    assert cp(2, -1) == [2.0, 1.0, 5.0]
    assert cp(1, 2, 3) == [0.0, 2.0, 1.0]
    assert cp(1, 1, -1, 1, 2) == [0.0, 3.0, 1.0]
    assert cp(Vector((1, 2)), dest=Vector(3, 0.0)) == [0.0, 3.0, 2.0]
    assert cp(Vector((1, 2)), Vector((0, 1)), dest=Vector(3, 0.0)) == [3.0, 2.0, 0.0]
    assert cp(Vector((1, 2)), Vector((0, 1)), dest=Vector(1, 0.0)) == [3.0]
    assert cp(Vector((1.9999999999999, -0.5)), dest=Vector(5, 0.0)) == [3.0, 0.0, 2.0, 0.0, 0.0]
    assert cp(0, 0, -1, 2, 1, dest=Vector(2)) == [3.0, 0.0, 3.0, 0.0, 2.0, 0.0, 1.0, 0.0, 5.0]
    assert Vector(3).copy(Vector([1, 2, 3, 4, 5])).to_python() == [1.0, 2.0, 3.0, 4.0, 5.0]
    with pytest.raises(RuntimeError):
        Vector(2).copy(Vector([1, 2, 3]), 2, 1)


def test_self_copy_is_sequential():
    w = Vector(range(20))
    w.copy(w, 10)
    assert w.to_python() == [float(i % 10) for i in range(30)]
    w = Vector(range(20))
    w.copy(w, 0, 5, -1)
    assert w.to_python() == [float(i) for i in range(5, 20)] + [float(i) for i in range(15, 20)]


def test_clones(v):
    assert v.c().to_python() == v.to_python() and v.c() is not v
    assert v.c(1).to_python() == [3.0, 2.0, 1.0, 5.0]
    assert v.c(1, 3).to_python() == [3.0, 2.0, 1.0]
    assert v.at(1, 3).to_python() == [3.0, 2.0, 1.0]
    v.label("v")
    assert v.cl().label() == "v" and v.c().label() == ""
    with pytest.raises(RuntimeError):
        v.c(5)
    with pytest.raises(RuntimeError):
        v.c(2, 1)


def test_fill_indgen_append_insert_remove():
    v = Vector(4)
    assert v.fill(1.0).to_python() == [1.0] * 4
    assert v.fill(1.1, 1, 2).to_python() == [1.0, 1.1, 1.1, 1.0]
    assert v.indgen().to_python() == [0.0, 1.0, 2.0, 3.0]
    assert v.indgen(2).to_python() == [0.0, 2.0, 4.0, 6.0]
    assert v.indgen(2, 5).to_python() == [2.0, 7.0, 12.0, 17.0]
    assert v.indgen(1, 20, 5).to_python() == [1.0, 6.0, 11.0, 16.0]
    assert Vector().indgen(0, 0.9, 0.3).to_python() == [0.0, 0.3, 0.6, 0.8999999999999999]
    assert Vector().indgen(0, 1, 0.1).size() == 11
    assert Vector().indgen(5, 1, -1).to_python() == [5.0, 4.0, 3.0, 2.0, 1.0]
    for bad in [(0, 1, -0.1), (1, 1, 1), (1, 1, 0), (0, 1, 2)]:
        with pytest.raises(RuntimeError):
            Vector().indgen(*bad)
    assert v.append(Vector(1, 17.0), 18.0, 19.0).to_python() == [1.0, 6.0, 11.0, 16.0, 17.0, 18.0, 19.0]
    assert v.insrt(1, 3.0).to_python() == [1.0, 3.0, 6.0, 11.0, 16.0, 17.0, 18.0, 19.0]
    assert v.insrt(3, Vector(1, 9.0)).to_python() == [1.0, 3.0, 6.0, 9.0, 11.0, 16.0, 17.0, 18.0, 19.0]
    assert v.remove(4).to_python() == [1.0, 3.0, 6.0, 9.0, 16.0, 17.0, 18.0, 19.0]
    assert v.remove(1, 5).to_python() == [1.0, 18.0, 19.0]
    assert Vector([1, 2, 3]).insrt(0, Vector([8, 9]), 7).to_python() == [8.0, 9.0, 7.0, 1.0, 2.0, 3.0]
    assert Vector([1, 2, 3]).insrt(3, 7).to_python() == [1.0, 2.0, 3.0, 7.0]
    with pytest.raises(RuntimeError):
        Vector([1, 2, 3]).insrt(4, 7)
    with pytest.raises(RuntimeError):
        v.append(v)
    with pytest.raises(RuntimeError):
        v.remove(10)


def test_get_set(v):
    assert v.get(4) == 5.0
    assert v.set(1, 2.1).to_python() == [3.0, 2.1, 2.0, 1.0, 5.0]
    with pytest.raises(RuntimeError):
        v.get(5)
    with pytest.raises(RuntimeError):
        v.set(5, 1)


def test_where_family():
    v = Vector([1, 6, 11, 16, 21, 26])
    assert v.contains(6.0) and not v.contains(7.0)
    assert v.contains(6.000000000005) and not v.contains(6.0000000001)
    w = Vector()
    assert w.where(v, ">=", 10).to_python() == [11.0, 16.0, 21.0, 26.0]
    assert w.where(v, "<=", 11).to_python() == [1.0, 6.0, 11.0]
    assert w.where(v, "!=", 11).to_python() == [1.0, 6.0, 16.0, 21.0, 26.0]
    assert w.where(v, "==", 11).to_python() == [11.0]
    assert w.where(v, "<", 11).to_python() == [1.0, 6.0]
    assert w.where(v, ">", 11).to_python() == [16.0, 21.0, 26.0]
    assert w.where(v, "[)", 9, 21).to_python() == [11.0, 16.0]
    assert w.where(v, "[]", 9, 21).to_python() == [11.0, 16.0, 21.0]
    assert w.where(v, "(]", 11, 21).to_python() == [16.0, 21.0]
    assert w.where(v, "()", 11, 21).to_python() == [16.0]
    assert v.where(">", 1.0).to_python() == [6.0, 11.0, 16.0, 21.0, 26.0]
    assert v.where("[)", 6.0, 26.0).to_python() == [6.0, 11.0, 16.0, 21.0]
    assert v.indwhere(">", 11.0) == 2 and v.indwhere("<", 11.0) == 0
    assert v.indwhere("!=", 11.0) == 0 and v.indwhere(">=", 11.0) == 1
    assert v.indwhere("<=", 11.0) == 0 and v.indwhere("[)", 11.1, 16.0) == -1
    assert v.indwhere("[)", 11.0, 16.0) == 1 and v.indwhere("(]", 11.0, 16.0) == 2
    assert v.indwhere("[]", 11.0, 16.0) == 1 and v.indwhere("()", 16.0, 11.0) == -1
    assert Vector().indvwhere(v, "()", 11, 21).to_python() == [2.0]
    assert Vector().indvwhere(v, "==", 11).to_python() == [1.0]
    assert Vector().indvwhere(v, "[]", 1, 17).to_python() == [0.0, 1.0, 2.0]
    assert Vector().indvwhere(v, "(]", 1, 16).to_python() == [0.0, 1.0, 2.0]
    assert Vector().indvwhere(v, "[)", 1, 16).to_python() == [0.0, 1.0]
    assert Vector().indvwhere(v, "!=", 11).to_python() == [0.0, 2.0, 3.0]
    assert Vector().indvwhere(v, "<", 11).to_python() == [0.0]
    assert Vector().indvwhere(v, "<=", 11).to_python() == [0.0, 1.0]
    assert Vector().indvwhere(v, ">", 16).to_python() == [3.0]
    assert Vector().indvwhere(v, ">=", 16).to_python() == [2.0, 3.0]
    assert v.histogram(1.0, 20.0, 10).to_python() == [0.0, 1.0, 2.0]
    assert Vector().hist(v, 1.0, 2.0, 10).to_python() == [1.0, 2.0]
    assert v.ind(Vector((1, 3))).to_python() == [11.0, 21.0]
    assert Vector().spikebin(v.c(), 12.0).to_python() == [0.0, 0.0, 1.0, 0.0]
    for bad in [("?", 1), ("[]", 1)]:
        with pytest.raises(RuntimeError):
            v.c().where(*bad)
    with pytest.raises(RuntimeError):
        v.indwhere("[]", 1)


def test_float_epsilon_comes_from_the_registered_getter():
    v = Vector([1.0, 1.001])
    try:
        set_float_epsilon_getter(lambda: 0.01)
        assert v.c().where("==", 1.0).size() == 2
        assert v.eq(Vector([1.005, 1.0]))
    finally:
        set_float_epsilon_getter(None)
    assert v.c().where("==", 1.0).size() == 1
    assert v.eq(v.c()) == 1.0 and v.eq(Vector([1.0])) == 0.0


def test_order_and_resampling():
    v = Vector((3, 2, 15, 16))
    assert v.c().sort().to_python() == [2.0, 3.0, 15.0, 16.0]
    assert v.sortindex().to_python() == [1.0, 0.0, 2.0, 3.0]
    assert Vector([3, 1, 2, 1, 3, 1]).sortindex().to_python() == [1.0, 3.0, 5.0, 2.0, 0.0, 4.0]
    dest = Vector(10)
    assert Vector([3, 1, 2]).sortindex(dest) is dest and dest.to_python() == [1.0, 2.0, 0.0]
    assert v.c().reverse().to_python() == [16.0, 15.0, 2.0, 3.0]
    assert v.c().rotate(3).to_python() == [2.0, 15.0, 16.0, 3.0]
    assert v.c().rotate(3, 0).to_python() == [0.0, 0.0, 0.0, 3.0]
    five = [1, 2, 3, 4, 5]
    assert Vector(five).rotate(-2, 0).to_python() == [3.0, 4.0, 5.0, 0.0, 0.0]
    assert Vector(five).rotate(7, 0).to_python() == [0.0, 0.0, 1.0, 2.0, 3.0]
    assert Vector(five).rotate(5, 0).to_python() == [0.0] * 5
    assert Vector([1, 2, 3]).rotate(-4).to_python() == [2.0, 3.0, 1.0]
    assert Vector().rotate(1).size() == 0
    assert Vector().rebin(v, 2).to_python() == [5.0, 31.0]
    assert Vector(range(1, 11)).rebin(3).to_python() == [6.0, 15.0, 24.0]
    assert Vector().resample(Vector((3, 2, 4, 6, 7)), 2).to_python() == [
        3.0, 3.0, 2.0, 2.0, 4.0, 4.0, 6.0, 6.0, 7.0, 7.0]
    assert Vector().resample(Vector([1, 2, 3, 4]), 1.5).to_python() == [1.0, 1.0, 2.0, 3.0, 3.0, 4.0]


def test_index_and_ind():
    v = Vector(range(0, 500, 5))
    assert v.ind(Vector(range(49, 60))).to_python() == [float(x) for x in range(245, 300, 5)]
    assert Vector(range(10)).ind(Vector([-1, 1.9, 9, 10])).to_python() == [1.0, 9.0]
    assert Vector([1, 2, 3]).index(Vector([0, 5, -1, 2.7])).to_python() == [1.0, 0.0, 0.0, 3.0]
    assert Vector().index(Vector([7, 8, 9]), Vector([0, 5, -1, 2.7])).to_python() == [7.0, 0.0, 0.0, 9.0]


def test_arithmetic_in_place_chains():
    v = Vector((3, 2, 15, 16))
    assert v.c().add(Vector((1.1, 2.2, 3.3, 4.4))).to_python() == [4.1, 4.2, 18.3, 20.4]
    assert v.c().add(1.3).to_python() == [4.3, 3.3, 16.3, 17.3]
    assert v.c().sub(Vector((1.1, 2, 3.3, 4))).to_python() == [1.9, 0.0, 11.7, 12.0]
    assert v.c().sub(1.3).to_python() == [1.7, 0.7, 13.7, 14.7]
    assert v.c().mul(Vector((1.5, 2, 3, 4))).to_python() == [4.5, 4.0, 45.0, 64.0]
    assert v.c().mul(2.5).to_python() == [7.5, 5.0, 37.5, 40.0]
    assert v.c().div(Vector((1.5, 2, 3, 4))).to_python() == [2.0, 1.0, 5.0, 4.0]
    assert v.c().div(2.5).to_python() == [1.2, 0.8, 6.0, 6.4]
    assert v.c().add(1).mul(2).to_python() == [8.0, 6.0, 32.0, 34.0]
    with pytest.raises(RuntimeError):
        v.c().add(Vector(2))
    with pytest.raises(RuntimeError):
        v.c().div(0)
    vs = v.c()
    assert vs.scale(2, 5) == 0.21428571428571427
    assert vs.to_python() == [2.2142857142857144, 2.0, 4.785714285714286, 5.0]
    assert Vector([2, 2]).scale(0, 1) == 0.0


def test_math_functions():
    v = Vector((3, 2, 15, 16))
    assert Vector().pow(v, 2).to_python() == [9.0, 4.0, 225.0, 256.0]
    assert v.c().pow(v, 0).to_python() == [1.0] * 4
    assert v.c().pow(v, 0.5).to_python() == [1.7320508075688772, 1.4142135623730951, 3.872983346207417, 4.0]
    assert v.c().pow(v, -1).to_python() == [0.3333333333333333, 0.5, 0.06666666666666667, 0.0625]
    assert v.c().pow(1.7).to_python() == [6.473007839923779, 3.249009585424942, 99.85162577212687,
                                          111.43047210190387]
    with pytest.raises(RuntimeError):
        Vector().pow(Vector([1, 2]), -1)  # NEURON checks the destination for zeros
    assert Vector().log(v).to_python() == [1.0986122886681098, 0.6931471805599453, 2.70805020110221,
                                          2.772588722239781]
    assert Vector().log10(v).to_python() == [0.47712125471966244, 0.3010299956639812,
                                            1.1760912590556813, 1.2041199826559248]
    assert Vector([0.5, 2, 3]).tanh().to_python() == [0.46211715726000974, 0.9640275800758169,
                                                      0.9950547536867305]
    assert Vector([1.2312414, 3.1231, 5.49554, 6.5000000001]).floor().to_python() == [1.0, 3.0, 5.0, 6.0]
    assert Vector([-1.0, -3.0]).abs().to_python() == [1.0, 3.0]
    log = Vector([-1, 4]).log().to_python()
    assert np.isnan(log[0]) and log[1] == 1.3862943611198906
    assert Vector([0, 4]).log10().to_python()[0] == -np.inf
    with pytest.raises(RuntimeError):
        Vector([-1, 4]).sqrt()
    assert v.c().sin(1, 1).to_python() == [0.8414709848078965, 0.844849172063764, 0.8481940061209319,
                                           0.8515053549310787]
    assert v.c().sin(1, 1, 2).to_python() == [0.8414709848078965, 0.8481940061209319,
                                              0.8547830877678237, 0.8612371892561973]


def test_label():
    v = Vector()
    assert v.label() == ""
    assert v.label("hello") == "hello" and v.label() == "hello"
