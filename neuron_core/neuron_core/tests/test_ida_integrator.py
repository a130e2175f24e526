"""The IDA method (csrc/ida_bdf.c, ida_dense.c) on its own: against SUNDIALS IDA on DAE test
problems, exact solutions, stop times, interpolation and bad input.

The residuals here are Python callbacks (fine for tests; the engine's residual is C).
SUNDIALS numbers: scikit-sundae 1.2.0 (SUNDIALS 7.x IDA, dense solver, the same analytic
Jacobian, one-step mode with tstop), run outside this project."""
import math

import numpy as np
import pytest

from neuron_core.engine import ffi, lib

RES = "int(double, double*, double*, double*, void*)"
JAC = "int(double, double, double*, double*, double*, double*, void*)"


class DAE:
    """F(t, y, y') = 0 wired to an idb_mem with the dense solver."""

    def __init__(self, n, F, J=None, rtol=1e-6, atol=1e-8, maxord=5):
        self.n = n
        self.mem = ffi.new("idb_mem*")
        assert lib.idb_alloc(self.mem, n, maxord) == 0
        atol = np.broadcast_to(np.asarray(atol, dtype=float), (n,))
        self.atol = ffi.new("double[]", list(atol))
        self.mem.atol = self.atol
        self.mem.rtol = rtol
        arr = lambda p: np.frombuffer(ffi.buffer(p, 8 * n))  # noqa: E731

        @ffi.callback(RES)
        def res(t, y, yp, r, data):
            arr(r)[:] = F(t, arr(y), arr(yp))
            return 0
        self._res = res
        self.mem.res = res
        self.dense = ffi.new("idb_dense*")
        jfn = ffi.NULL
        if J is not None:
            @ffi.callback(JAC)
            def jfn(t, cj, y, yp, r, out, data):
                np.frombuffer(ffi.buffer(out, 8 * n * n))[:] = \
                    np.asarray(J(t, cj, arr(y)), dtype=float).T.ravel()
                return 0
            self._jac = jfn
        assert lib.idb_dense_attach(self.dense, self.mem, jfn, ffi.NULL) == 0
        self.y = ffi.new("double[]", n)
        self.yp = ffi.new("double[]", n)

    def init(self, t0, y0, yp0):
        lib.idb_reinit(self.mem, t0, ffi.new("double[]", list(y0)), ffi.new("double[]", list(yp0)))

    def solve(self, tout, itask=None):
        tret = ffi.new("double*")
        r = lib.idb_solve(self.mem, tout, tret, self.y, self.yp, itask or lib.IDB_NORMAL)
        return r, tret[0], np.array(list(self.y)), np.array(list(self.yp))

    def steps_to(self, tstop):
        lib.idb_set_stop_time(self.mem, tstop)
        ts = []
        while True:
            r, t, y, _ = self.solve(tstop, lib.IDB_ONE_STEP)
            ts.append(t)
            if r != 0:
                return r, ts, y

    def close(self):
        lib.idb_dense_free(self.dense)
        lib.idb_free(self.mem)


def robertson():
    def F(t, y, yp):
        return np.array([-0.04 * y[0] + 1e4 * y[1] * y[2] - yp[0],
                         0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1] - yp[1],
                         y[0] + y[1] + y[2] - 1.0])

    def J(t, cj, y):
        return [[-0.04 - cj, 1e4 * y[2], 1e4 * y[1]],
                [0.04, -1e4 * y[2] - 6e7 * y[1] - cj, -1e4 * y[1]],
                [1.0, 1.0, 1.0]]
    return F, J


def test_robertson_matches_sundials_ida():
    """Robertson's kinetics as an index-1 DAE (rtol 1e-4, atol 1e-8/1e-6/1e-6) to 4e10:
    SUNDIALS IDA takes 362 steps; the first 157 agree to the last digit, the rest to
    rounding (SUNDIALS 7 uses fused vector operations)."""
    F, J = robertson()
    p = DAE(3, F, J, rtol=1e-4, atol=[1e-8, 1e-6, 1e-6])
    p.init(0.0, [1.0, 0.0, 0.0], [-0.04, 0.04, 0.0])
    r, ts, y = p.steps_to(4e10)
    assert r == lib.IDB_TSTOP_RETURN and ts[-1] == 4e10
    assert len(ts) == 362
    assert ts[0] == 2.164955286048077e-05
    assert ts[4] == 0.0003463928457676923
    assert ts[50] == 9.713031762291703
    assert ts[150] == pytest.approx(19185.943726946018, rel=1e-12)
    ref = [4.896922871284386e-08, 1.9587692436875367e-13, 0.9999999510305754]
    assert y == pytest.approx(ref, rel=1e-7)
    assert p.mem.nst == 362 and p.mem.kused >= 1
    p.close()


def cable_dae(n=12):
    """C v' = G v - v^3/2 + I(t) on a chain with every third node algebraic (C = 0)."""
    C = np.array([0.0 if i % 3 == 2 else 1.0 + 0.1 * i for i in range(n)])
    G = np.zeros((n, n))
    for i in range(n - 1):
        G[i, i] -= 2.0
        G[i + 1, i + 1] -= 2.0
        G[i, i + 1] += 2.0
        G[i + 1, i] += 2.0
    G -= 0.1 * np.eye(n)
    src = np.zeros(n)
    src[0] = 1.0

    def F(t, y, yp):
        return C * yp - (G @ y - 0.5 * y ** 3 + math.sin(3 * t) * src)

    def J(t, cj, y):
        return np.diag(C) * cj - (G - np.diag(1.5 * y ** 2))
    return F, J


def test_dae_with_algebraic_nodes_matches_sundials_ida():
    """A nonlinear cable whose algebraic nodes have no capacitance (rtol 1e-6, atol 1e-8) to
    t = 10: SUNDIALS IDA takes 444 steps; 296 of them agree to the last digit."""
    F, J = cable_dae()
    p = DAE(12, F, J, rtol=1e-6, atol=1e-8)
    p.init(0.0, np.zeros(12), np.zeros(12))
    r, ts, y = p.steps_to(10.0)
    assert r == lib.IDB_TSTOP_RETURN and ts[-1] == 10.0
    assert len(ts) == 444
    assert ts[0] == 3.90625e-05
    assert ts[4] == pytest.approx(0.00042968750000000006, rel=1e-14)
    assert ts[50] == pytest.approx(0.40971218749999994, rel=1e-14)
    assert ts[150] == pytest.approx(2.680577334178062, rel=1e-12)
    assert y[:3] == pytest.approx([-0.1215479981138523, 0.04306235317532813,
                                   0.0357936478788677], abs=1e-12)
    p.close()


def test_output_times_are_interpolated_as_sundials_ida():
    """IDB_NORMAL to t = 0.5, 1, ..., 10 on the same cable: SUNDIALS IDA's outputs at 5 and
    10 to the last digit."""
    F, J = cable_dae()
    p = DAE(12, F, J, rtol=1e-6, atol=1e-8)
    p.init(0.0, np.zeros(12), np.zeros(12))
    out = {}
    for k in range(1, 21):
        r, t, y, _ = p.solve(0.5 * k)
        assert r == 0 and t == 0.5 * k
        out[t] = y
    # (to 1e-13 rather than bitwise: the residual's matrix product depends on the BLAS)
    assert out[5.0][:3] == pytest.approx([0.2720259797603852, 0.07442487192809649,
                                          0.04245176256625839], rel=1e-13)
    assert out[10.0][:3] == pytest.approx([-0.12154830118096979, 0.0430621400648667,
                                           0.03579354941156554], rel=1e-13)
    assert out[10.0][11] == pytest.approx(0.004806660168160378, rel=1e-13)
    p.close()


def exact_dae():
    """y0' = -y0, 0 = y1 - 2 y0 (index 1): y0 = e^-t, y1 = 2 e^-t."""
    def F(t, y, yp):
        return np.array([yp[0] + y[0], y[1] - 2.0 * y[0]])
    return F


def test_accuracy_follows_the_tolerance():
    for rtol in (1e-4, 1e-7, 1e-10):
        p = DAE(2, exact_dae(), rtol=rtol, atol=rtol * 1e-3)
        p.init(0.0, [1.0, 2.0], [-1.0, -2.0])
        for tout in (0.5, 1.0, 3.0):
            r, t, y, yp = p.solve(tout)
            assert r == 0 and t == tout
            e = math.exp(-tout)
            assert np.max(np.abs(y - [e, 2 * e])) <= 200 * rtol
            assert np.max(np.abs(yp - [-e, -2 * e])) <= 2000 * rtol
        p.close()


def test_one_step_mode_stops_exactly_at_the_stop_time_and_interpolates_the_last_step():
    p = DAE(2, exact_dae(), rtol=1e-8, atol=1e-10)
    p.init(0.0, [1.0, 2.0], [-1.0, -2.0])
    r, ts, y = p.steps_to(1.25)
    assert r == lib.IDB_TSTOP_RETURN and ts[-1] == 1.25
    assert all(b > a for a, b in zip(ts, ts[1:]))
    assert y == pytest.approx([math.exp(-1.25), 2 * math.exp(-1.25)], rel=1e-6)
    # inside the last step: y and y' of the interpolating polynomial
    tm = 0.5 * (ts[-2] + ts[-1])
    yi, ypi = ffi.new("double[]", 2), ffi.new("double[]", 2)
    assert lib.idb_get_solution(p.mem, tm, yi, ypi) == 0
    assert yi[0] == pytest.approx(math.exp(-tm), rel=1e-6)
    assert ypi[0] == pytest.approx(-math.exp(-tm), rel=1e-4)
    # long before the last step: refused
    assert lib.idb_get_solution(p.mem, 0.1, yi, ypi) == lib.IDB_BAD_T
    p.close()


def test_difference_quotient_jacobian_gives_the_same_solution():
    F, J = robertson()
    a = DAE(3, F, J, rtol=1e-4, atol=[1e-8, 1e-6, 1e-6])
    b = DAE(3, F, None, rtol=1e-4, atol=[1e-8, 1e-6, 1e-6])
    for p in (a, b):
        p.init(0.0, [1.0, 0.0, 0.0], [-0.04, 0.04, 0.0])
    ya = a.solve(40.0)[2]
    yb = b.solve(40.0)[2]
    assert yb == pytest.approx(ya, rel=2e-3)
    assert b.dense.nreD > 0 and a.dense.nreD == 0
    a.close()
    b.close()


def test_bad_input_is_refused():
    p = DAE(2, exact_dae(), rtol=1e-6, atol=-1.0)
    p.init(0.0, [1.0, 2.0], [-1.0, -2.0])
    assert p.solve(1.0)[0] == lib.IDB_ILL_INPUT            # atol < 0: no error weights
    p.close()
    p = DAE(2, exact_dae())
    p.init(0.0, [1.0, 2.0], [-1.0, -2.0])
    assert p.solve(0.0)[0] == lib.IDB_ILL_INPUT             # tout too close to t0
    lib.idb_set_stop_time(p.mem, -1.0)
    assert p.solve(1.0, lib.IDB_ONE_STEP)[0] == lib.IDB_ILL_INPUT   # stop time behind
    p.close()
    m = ffi.new("idb_mem*")
    assert lib.idb_alloc(m, 0, 5) == lib.IDB_ILL_INPUT
    assert lib.idb_alloc(m, 3, 6) == lib.IDB_ILL_INPUT
