"""Calculus, histograms and spectral methods of Vector, exact to NEURON 9.0.2's output."""
import math

import numpy as np
import pytest

from neuron_core.vector import Vector
from neuron_core.vector import _fft


@pytest.fixture
def v():
    return Vector((3, 2, 15, 16))


def test_derivatives_and_integrals(v):
    assert Vector().deriv(v, 0.1).to_python() == [-10.0, 60.0, 70.0, 10.0]
    assert Vector().deriv(v, 1, 1).to_python() == [-1.0, 13.0, 1.0]
    assert Vector().deriv(v, 1, 2).to_python() == [-1.0, 6.0, 7.0, 1.0]
    assert v.c().deriv(0.5, 1).to_python() == [-2.0, 26.0, 2.0]
    with pytest.raises(RuntimeError):
        Vector([3]).deriv()
    assert Vector().integral(v).to_python() == [3.0, 5.0, 20.0, 36.0]
    assert Vector().integral(v, 0.1).to_python() == [3.0, 3.2, 4.7, 6.300000000000001]
    assert Vector([1, 2, 3]).integral(0.5).to_python() == [1.0, 2.0, 3.5]
    with pytest.raises(RuntimeError):
        Vector().integral()


def test_interpolate(v):
    assert v.c().interpolate(v.c(), v.c().sqrt()).to_python() == [
        10.384365150689874, 5.097168242109362, 16.0, 16.0]
    assert v.c().interpolate(v.c(), v.c().sqrt(), Vector((1, 2, 3, 4))).to_python() == [
        2.644951165437683, 2.2382437109314894, 4.0, 4.0]
    xd = Vector([0, 0.5, 1, 1.5, 2, 2.5, 3])
    assert Vector([1, 5, 2]).interpolate(xd, Vector([0, 1, 2])).to_python() == [
        1.0, 3.0, 5.0, 3.5, 2.0, 2.0, 2.0]
    assert Vector([1, 5, 2, 9]).interpolate(xd, Vector([0, 1, 1, 2])).to_python() == [
        1.0, 3.0, 5.0, 5.5, 9.0, 9.0, 9.0]
    assert Vector().interpolate(Vector([0.5]), Vector([0, 1]), Vector([3, 5])).to_python() == [4.0]
    # unordered inputs follow NEURON's single merge pass
    assert Vector([1, 5, 2, 9]).interpolate(Vector([3, 0.5, 1, -1.5, 2, 2.5, 0]),
                                            Vector([0, 1, 1.5, 2])).to_python() == [9.0] * 7
    assert Vector([1, 5, 2, 9]).interpolate(Vector([0.2, 0.5, 1, 1.5, 2, 2.5, 3]),
                                            Vector([0, 2, 1, 3])).to_python() == [
        1.4, 2.0, 3.0, 4.0, 5.0, 7.25, 9.0]


def test_medfltr(v):
    assert v.c().medfltr().to_python() == [3.0, 3.0, 3.0, 3.0]
    assert v.c().medfltr(Vector((1, 2, 3, 4))).to_python() == [2.0, 2.0, 2.0, 2.0]
    # windows [i - p, i + p) clipped to the vector, upper median
    x = Vector([5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 11, 15])
    assert x.medfltr().to_python() == [5.0, 5.0, 5.0, 5.0, 7.0, 7.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0]
    y = Vector(range(20)).apply(math.sin)
    expect = []
    for i in range(20):
        w0 = max(i - 2, 0)
        w1 = i + 2 if i < 18 else 19
        expect.append(sorted(y.to_python()[w0:w1])[(w1 - w0) // 2])
    assert y.c().medfltr(2).to_python() == expect


def test_histograms():
    v = Vector([1, 6, 11, 16, 21, 26])
    assert v.histogram(1.0, 20.0, 10).to_python() == [0.0, 2.0, 2.0]
    assert Vector().hist(v, 1.0, 2.0, 10).to_python() == [2.0, 2.0]
    assert Vector([1, 2, 3, 4, 5, 6, 7]).histogram(0, 7, 2).to_python() == [0.0, 1.0, 2.0, 2.0, 2.0]
    assert Vector([-1, 2, 3, 4, 5, 6, 7, 8.5, 100]).histogram(0, 8, 2).to_python() == [
        1.0, 0.0, 2.0, 2.0, 2.0, 1.0]
    assert Vector().hist(Vector([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8.5]), 0, 4, 2).to_python() == [2.0] * 4
    assert Vector().spikebin(Vector([0, 5, 5, 0, 5, 0, 0]), 1, 2).to_python() == [
        1.0, 0.0, 1.0]


def test_gaussian_sums():
    v = Vector([3, 3, 2, 1, 5])
    assert v.sumgauss(-1, 1, 0.5, 1).to_python() == [
        0.05869048145253869, 0.14879136924715222, 0.30482687457572216, 0.5166555071584352]
    assert v.sumgauss(-1, 1, 0.5, 1, Vector((1, 3, 2, 5, 4))).to_python() == [
        0.2793538745964073, 0.6861357408871805, 1.3355688961479038, 2.0895389620919826]
    assert Vector([1, 2, 3]).sumgauss(0, 3.4, 1, 0.5).to_python() == [
        0.21795686791331675, 0.7820768249350996, 0.979297080968351]
    assert v.cl().smhist(v.cl(), 1, 3, 2, 1).to_python() == [
        0.9060003240550064, 0.9598574603424295, 0.5071918738793386]
    assert v.cl().smhist(v.cl(), 1, 3, 2, 1, Vector((1, 3, 2, 5, 4))).to_python() == [
        3.009095149765841, 2.1896697532507994, 1.8126697992388372]
    d = Vector([5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 11, 15, 3, 3, 2])
    assert Vector().smhist(d, 0, 10, 1.5, 2).to_python() == [
        1.0064406136504673, 1.5619247324204704, 1.7313281512340386, 1.3410806650139113,
        1.0397443454673834, 0.8309701838300897, 0.6649851170537344, 0.4779516839080875,
        0.2220531181920944, 0.19228573262320042]


def test_fft_layouts(v):
    assert Vector(v.size()).fft(v, -1).to_python() == [17.5, 16.5, -12.5, -15.5]
    assert v.c().fft(-1).to_python() == [17.5, 16.5, -12.5, -15.5]
    assert Vector([1, 2, 3]).fft(0).to_python() == [6.0, 2.0, -2.0, 2.0]
    assert Vector(range(16)).fft(1).to_python() == [
        120.0, -8.0, -8.0, -40.21871593700678, -7.999999999999999, -19.31370849898476, -8.0,
        -11.97284610132391, -8.0, -8.0, -8.0, -5.345429103354392, -8.0, -3.3137084989847603, -8.0,
        -1.5912989390372636]
    assert Vector(range(13)).fft(1).to_python() == [
        78.0, 6.0, -36.73257254502713, -12.568535592272045, -9.414213562373096, 14.48528137423857,
        8.169677373782045, 6.809957202210885, 6.0, -6.0, -4.3706875005587165, -6.361615673042923,
        -6.585786437626905, 2.4852813742385695, 0.9335826718038063, 6.259891532474145]
    with pytest.raises(RuntimeError):
        Vector([1, 2]).fft()


def test_forward_then_inverse_transform_round_trips():
    x = np.random.default_rng(7).normal(size=256)
    y = x.copy()
    _fft.realft_forward(y)
    assert np.allclose(np.fft.rfft(x).real, np.concatenate([y[:129]]))
    _fft.realft_inverse(y)
    assert np.allclose(y, x, atol=1e-12)


def test_convolution_family(v):
    assert Vector(v.size()).correl(v).to_python() == [494.0, 324.0, 154.0, 324.0]
    assert Vector(v.size()).convlv(v, v.c().reverse()).to_python() == [294.0, 122.0, 318.0, 490.0]
    assert Vector(v.size()).convlv(v, v.c().reverse(), -1).to_python() == [
        305.9999866504336, 306.0, 306.0000133495664, 306.0]
    assert v.c().spctrm(v).to_python() == [60.625, 2.0, 15.0, 16.0]
    assert Vector(v.size()).filter(v, v.c().reverse()).to_python() == [308.0, -66.0, 376.0, 750.0]
    assert Vector().correl(Vector(range(10)), Vector(range(5, 12))).to_python() == [
        195.99999999999994, 251.99999999999994, 307.9999999999999, 363.9999999999999, 310.0,
        254.99999999999994, 200.0, 146.0, 94.00000000000004, 45.00000000000007,
        8.526512829121202e-14, 11.000000000000114, 32.00000000000003, 62.00000000000004, 100.0,
        145.0]
    assert Vector().filter(Vector(range(10)), Vector([1, 0.5, 0.25])).to_python() == [
        1.3535533905932766, 4.457106781186544, 9.199376633332104, 13.941646485477655,
        18.683916337623213, 23.426186189768767, 28.168456041914318, 32.91072589405987,
        37.65299574620543, 28.859731692418244, 14.748448153970529, 1.7763568394002505e-15,
        3.552713678800501e-15, 0.0, 1.7763568394002505e-15, 0.0]
    c = Vector().convlv(Vector(range(17)), Vector([0.5, 1, 0.5, 0.25, 0.1])).to_python()
    assert c[:6] == [0.5999999999999979, 1.4499999999999993, 3.3, 5.650000000000002,
                     7.999999999999997, 10.350000000000003]
    assert c[-1] == 0.25 and len(c) == 32


def test_spectrum_of_a_cosine():
    x = Vector(range(300)).apply(math.cos)
    psd = x.c().spctrm(x, 16).to_python()[:16]
    assert psd == [9.084961225884884e-05, 2.4774790475863508e-05, 0.0007161153346920642,
                   2.172950341813331e-05, 0.04186373936188537, 0.36785494118504825,
                   0.0876569756699606, 1.5475859558336627e-05, 0.000859006810468445,
                   9.744799853381856e-06, 0.0001132812997427496, 5.545385095965424e-06,
                   3.739937928730952e-05, 2.637612644190947e-06, 2.2003147073998792e-05,
                   1.1889755533635039e-06]


def test_event_methods():
    v = Vector([3, 3, 2, 1, 5])
    assert v.c().trigavg(Vector((1, 2, 3, 4, 5)), Vector((1, 2, 3, 4, 5)), 1, 2) == 2.0
    assert Vector().inf(Vector((3, 2, 4)), 2, 3, 4, 5, 6, 7).to_python() == [4.0, 5.2, 4.56]
    assert Vector().psth(Vector((3, 2, 4, 6, 7, 6, 7, 8)), 1, 2, 3).to_python() == [
        1500.0, 1500.0, 2000.0, 3000.0, 3500.0, 3000.0, 3500.0, 4000.0]
    assert Vector().psth(Vector([1, 2, 3, 4]), 1, 1, 2).to_python() == [1500.0, 2000.0, 3000.0, 4000.0]
