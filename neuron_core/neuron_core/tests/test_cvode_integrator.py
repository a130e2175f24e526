"""The BDF integrator (csrc/cvode_bdf.c) on its own: accuracy against exact solutions, stop
times, interpolation, order selection, and a stiff problem with the dense solver.

The right-hand sides here are Python callbacks (fine for tests; the engine's f is C)."""
import math

import numpy as np
import pytest

from neuron_core.engine import ffi, lib

RHS = "int(double, double*, double*, void*)"
JAC = "int(double, double*, double*, double*, void*)"


class Problem:
    """An ODE system wired to a cvb_mem with a dense linear solver."""

    def __init__(self, n, f, jac=None, rtol=1e-6, atol=1e-8, qmax=5):
        self.n = n
        self._f = f
        self.mem = ffi.new("cvb_mem*")
        assert lib.cvb_alloc(self.mem, n, qmax) == 0
        self.atol = ffi.new("double[]", [atol] * n)
        self.mem.atol = self.atol
        self.mem.rtol = rtol
        self.nf = 0

        @ffi.callback(RHS)
        def rhs(t, y, ydot, data):
            self.nf += 1
            yy = np.frombuffer(ffi.buffer(y, 8 * n))
            out = f(t, yy)
            for i in range(n):
                ydot[i] = out[i]
            return 0
        self._rhs = rhs
        self.mem.f = rhs
        self.dense = ffi.new("cvb_dense*")
        if jac is not None:
            @ffi.callback(JAC)
            def jfn(t, y, fy, J, data):
                yy = np.frombuffer(ffi.buffer(y, 8 * n))
                m = jac(t, yy)
                for j in range(n):
                    for i in range(n):
                        J[j * n + i] = m[i][j]
                return 0
            self._jac = jfn
            assert lib.cvb_dense_attach(self.dense, self.mem, jfn, ffi.NULL) == 0
        else:
            assert lib.cvb_dense_attach(self.dense, self.mem, ffi.NULL, ffi.NULL) == 0
        self.y = ffi.new("double[]", n)

    def init(self, t0, y0):
        y = ffi.new("double[]", list(y0))
        lib.cvb_reinit(self.mem, t0, y)

    def solve(self, tout, itask=None):
        tret = ffi.new("double*")
        r = lib.cvb_solve(self.mem, tout, self.y, tret, itask or lib.CVB_NORMAL)
        return r, tret[0], np.array([self.y[i] for i in range(self.n)])

    def close(self):
        lib.cvb_dense_free(self.dense)
        lib.cvb_free(self.mem)


def test_linear_decay_is_accurate_at_every_tolerance():
    k = np.array([1.0, 10.0, 0.1])
    for rtol in (1e-4, 1e-7, 1e-10):
        p = Problem(3, lambda t, y: -k * y, lambda t, y: np.diag(-k), rtol=rtol, atol=rtol * 1e-3)
        p.init(0.0, [1.0, 2.0, 3.0])
        for tout in (0.5, 1.0, 2.0):
            r, t, y = p.solve(tout)
            assert r == 0 and t == tout
            exact = np.array([1.0, 2.0, 3.0]) * np.exp(-k * tout)
            # global error a small multiple of the tolerance on the solution's scale (3)
            assert np.max(np.abs(y - exact)) <= 100 * rtol * 3.0
        assert 0 < p.mem.nst < 2000
        assert p.mem.qu >= 2          # the order rose above 1 on a smooth problem
        p.close()


def test_one_step_mode_never_passes_the_stop_time():
    p = Problem(1, lambda t, y: np.array([math.cos(t)]), lambda t, y: [[0.0]],
                rtol=1e-6, atol=1e-9)
    p.init(0.0, [0.0])
    tstop = 0.3
    lib.cvb_set_stop_time(p.mem, tstop)
    last = 0.0
    while True:
        r, t, y = p.solve(10.0, lib.CVB_ONE_STEP)
        assert t <= tstop and t > last
        last = t
        if r == lib.CVB_TSTOP_RETURN:
            break
        assert r == 0
    assert t == tstop
    assert y[0] == pytest.approx(math.sin(tstop), abs=2e-6)
    p.close()


def test_interpolation_within_the_last_step():
    p = Problem(1, lambda t, y: -y, lambda t, y: [[-1.0]], rtol=1e-8, atol=1e-12)
    p.init(0.0, [1.0])
    r, t, y = p.solve(1.0, lib.CVB_ONE_STEP)
    for _ in range(20):
        r, t, y = p.solve(1.0, lib.CVB_ONE_STEP)
    tn, hu = p.mem.tn, p.mem.hu
    dky = ffi.new("double[]", 1)
    for s in (0.0, 0.25, 0.5, 1.0):
        tq = tn - s * hu
        assert lib.cvb_get_dky(p.mem, tq, 0, dky) == 0
        assert dky[0] == pytest.approx(math.exp(-tq), rel=1e-6)
        assert lib.cvb_get_dky(p.mem, tq, 1, dky) == 0
        assert dky[0] == pytest.approx(-math.exp(-tq), rel=1e-4)
    assert lib.cvb_get_dky(p.mem, tn + 2 * hu, 0, dky) == lib.CVB_BAD_T
    p.close()


def robertson(t, y):
    return np.array([-0.04 * y[0] + 1e4 * y[1] * y[2],
                     0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] ** 2,
                     3e7 * y[1] ** 2])


def robertson_jac(t, y):
    return [[-0.04, 1e4 * y[2], 1e4 * y[1]],
            [0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]],
            [0.0, 6e7 * y[1], 0.0]]


def test_stiff_robertson_with_dense_newton():
    """The classic stiff test (CVODE's cvRoberts_dns settings): conservation and the known
    solution at t = 40; a stiff solver needs only a few hundred steps to 4e10."""
    p = Problem(3, robertson, robertson_jac, rtol=1e-4, atol=1e-8)
    p.atol[1] = 1e-14
    p.atol[2] = 1e-6
    p.init(0.0, [1.0, 0.0, 0.0])
    r, t, y = p.solve(40.0)
    assert r == 0
    assert y[0] == pytest.approx(0.7158, abs=2e-3)
    assert y[2] == pytest.approx(0.2842, abs=2e-3)
    assert sum(y) == pytest.approx(1.0, abs=1e-6)
    r, t, y = p.solve(4e10)
    assert r == 0 and y[0] < 1e-4
    assert p.mem.nst < 1500
    assert p.dense.nje < p.mem.nst  # the Jacobian is reused across steps
    p.close()


def test_difference_quotient_jacobian_gives_the_same_solution():
    a = Problem(3, robertson, robertson_jac, rtol=1e-6, atol=1e-10)
    b = Problem(3, robertson, None, rtol=1e-6, atol=1e-10)
    for p in (a, b):
        p.init(0.0, [1.0, 0.0, 0.0])
    ya = a.solve(10.0)[2]
    yb = b.solve(10.0)[2]
    assert np.allclose(ya, yb, rtol=1e-4, atol=1e-9)
    a.close()
    b.close()


def test_functional_iteration_on_a_nonstiff_problem():
    p = Problem(2, lambda t, y: np.array([y[1], -y[0]]), None, rtol=1e-8, atol=1e-10)
    p.mem.lsolve = ffi.NULL
    p.mem.lsetup = ffi.NULL
    p.init(0.0, [0.0, 1.0])
    r, t, y = p.solve(math.pi)
    assert r == 0
    assert y[0] == pytest.approx(0.0, abs=1e-6)
    assert y[1] == pytest.approx(-1.0, abs=1e-6)
    p.close()


def test_van_der_pol_matches_sundials_cvode():
    """Stiff van der Pol (mu = 1000, rtol 1e-6, atol 1e-8, analytic Jacobian, one-step mode
    to a stop time of 3000) against SUNDIALS 7.x CVODE (scikit-sundae 1.2.0, dense solver):
    the same first steps to the last digits, then rounding-level
    drift (CVODE 7 multiplies by reciprocal error constants where NEURON's CVODE divides);
    SUNDIALS takes 1844 steps with 40 Jacobian evaluations."""
    mu = 1000.0
    p = Problem(2, lambda t, y: np.array([y[1], mu * ((1 - y[0] ** 2) * y[1]) - y[0]]),
                lambda t, y: [[0, 1], [-2 * mu * y[0] * y[1] - 1, mu * (1 - y[0] ** 2)]],
                rtol=1e-6, atol=1e-8)
    p.init(0.0, [2.0, 0.0])
    lib.cvb_set_stop_time(p.mem, 3000.0)
    ts = [0.0]
    while True:
        r, t, y = p.solve(3000.0, lib.CVB_ONE_STEP)
        ts.append(t)
        if r != 0:
            break
    assert r == lib.CVB_TSTOP_RETURN and ts[-1] == 3000.0
    assert ts[1] == pytest.approx(1.4571824872586147e-09, rel=1e-14)
    assert ts[5] == pytest.approx(8.897715397277833e-06, rel=1e-14)
    assert ts[30] == pytest.approx(0.000858144797540416, rel=1e-6)
    assert ts[50] == pytest.approx(0.0034644923923997538, rel=1e-6)
    assert abs(p.mem.nst - 1844) <= 0.03 * 1844
    assert abs(p.dense.nje - 40) <= 4
    assert y[0] == pytest.approx(-1.5104935922907237, abs=1e-5)
    p.close()
