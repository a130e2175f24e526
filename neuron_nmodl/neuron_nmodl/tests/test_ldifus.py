"""LONGITUDINAL_DIFFUSION (t_ldifus.mod): the mechanism's callback given NEURON's couplings
for a small tree, against NEURON 9.0.2's numbers (data/ldifus_reference.json, made by
data/make_ldifus_reference.py) for the fixed step, and against the equations for the
variable step's two methods."""
import json
import math
import os

import numpy as np
import pytest

from .harness import Cell, ffi

REF = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                                  "ldifus_reference.json")))
# instances a0 a1 a2 b0 b1 c0 c1: b and c hang from a(1), whose last segment is a2
PIN = np.array([-1, 0, 1, 2, 3, 2, 5], dtype=np.int32)
DX = np.array([10, 10, 10, 10, 10, 20, 20.])          # L/nseg of each instance's section
DIAM = np.array([1, 1, 1, 1, 1, .5, .5])
SIG = "void(*)(nrn_ctx*, nrn_mech*, int, const int*, const double*, const double*)"


def couplings():
    af, bf = np.zeros(7), np.zeros(7)
    for i, p in enumerate(PIN):
        if p >= 0:   # rallbranch 1
            af[i] = 2 / DX[p] / (DX[i] + DX[p])
            bf[i] = 2 / DX[i] / (DX[i] + DX[p])
    return af, bf


class Tree:
    def __init__(self, lib):
        self.cell = Cell(lib, 7)
        self.cell.ctx.diam[:] = DIAM
        self.inst = self.cell.insert("tldif")
        self.cell.finitialize(-65)
        init = REF["init"]
        self.inst["c"] = init["c"]
        self.ca = self.inst.col("ca")
        self.inst.p[self.ca, :7] = init["ca0"]
        self.inst.p[self.ca + 1, :7] = init["ca1"]
        self.af, self.bf = couplings()
        f = ffi()
        self.fn = f.cast(SIG, self.inst.desc.ldifus)
        self.args = (f.cast("int*", PIN.ctypes.data), f.cast("double*", self.af.ctypes.data),
                     f.cast("double*", self.bf.ctypes.data))

    def ldifus(self, method):
        self.fn(self.cell.ctx.ctx, self.inst.m, method, *self.args)


def test_metadata_names_the_diffusing_states(testlib):
    meta = testlib.meta("tldif")
    assert meta["longitudinal_diffusion"] == [{"state": "c", "size": 1}, {"state": "ca", "size": 2}]
    assert testlib.descs["tldif"][0].ldifus != ffi().NULL


def test_fixed_step_matches_neuron(testlib):
    t = Tree(testlib)
    for step in REF["steps"]:
        t.cell.fadvance()
        t.ldifus(0)
        got = {"c": t.inst["c"], "ca0": t.inst.p[t.ca, :7], "ca1": t.inst.p[t.ca + 1, :7],
               "cai": t.cell.ions["ca"]["ci"][:7]}
        for k, v in got.items():
            assert np.max(np.abs(v - np.array(step[k]))) < 1e-15, k


def _coupling_matrix(dc, vol, af, bf):
    """J with dx/dt = J x for one diffusing element (NEURON's fluxes)."""
    J = np.zeros((7, 7))
    for i, p in enumerate(PIN):
        if p >= 0:
            d = (dc[i] + dc[p]) / 2
            a, b = af[i] * d / vol[p], bf[i] * d / vol[i]
            J[i, p] += b
            J[i, i] -= b
            J[p, i] += a
            J[p, p] -= a
    return J


def test_variable_step_fluxes_and_newton_solve(testlib):
    t = Tree(testlib)
    x = t.inst["c"].copy()
    J = _coupling_matrix(0.6 * DIAM ** 2, DIAM ** 2, t.af, t.bf)
    t.inst["Dc"] = 0.5
    t.ldifus(1)                       # D += fluxes
    assert np.allclose(t.inst["Dc"], 0.5 + J @ x, rtol=1e-13, atol=1e-16)
    gamma = 0.01
    t.cell.ctx.ctx.dt = gamma
    b = np.linspace(1, 2, 7)
    t.inst["Dc"] = b
    t.ldifus(2)                       # D <- (1/gamma - J)^-1 b/gamma
    want = np.linalg.solve(np.eye(7) / gamma - J, b / gamma)
    assert np.allclose(t.inst["Dc"], want, rtol=1e-12)


def test_current_driven_flux_enters_the_newton_diagonal(testlib):
    """ca[0] gets a flux from ica: d flux/d ca = RT/zF * (-dica/dv * pi*diam/(2F)) adds
    |that|/vol/ca to the diagonal (nocmodl's dfdcur)."""
    t = Tree(testlib)
    ion = t.cell.ions["ca"]
    ion["dcurdv"][:7] = 0.2
    gamma = 0.01
    t.cell.ctx.ctx.dt = gamma
    dcol = t.inst.col("Dca")      # D column of the ca array
    x = t.inst.p[t.ca, :7].copy()
    b = np.linspace(1, 2, 7)
    t.inst.p[dcol, :7] = b
    t.ldifus(2)
    F, R = 96485.33212331001, 8.31446261815324
    ktf = 1000 * R * (6.3 + 273.15) / F
    vol = DIAM ** 2 / 4
    dfdc = ktf / 2 * (-0.2 * math.pi * DIAM / (2 * F))
    J = _coupling_matrix(0.3 * DIAM ** 2 / 4, vol, t.af, t.bf)
    A = np.eye(7) / gamma - J + np.diag(np.abs(dfdc) / vol / x)
    assert np.allclose(t.inst.p[dcol, :7], np.linalg.solve(A, b / gamma), rtol=1e-12)


def test_ion_concentration_state_diffuses_in_the_ion(testlib):
    cell = Cell(testlib, 3)
    cell.ctx.diam[:] = 2.0
    inst = cell.insert("tldifk")
    cell.finitialize(-65)
    ion = cell.ions["k"]
    ion["co"][:3] = [10.0, 2.0, 5.0]
    pin = np.array([-1, 0, 1], dtype=np.int32)
    af = bf = np.full(3, 0.01)
    f = ffi()
    fn = f.cast(SIG, inst.desc.ldifus)
    for want in REF["ko"]:
        cell.fadvance()
        fn(cell.ctx.ctx, inst.m, 0, f.cast("int*", pin.ctypes.data),
           f.cast("double*", af.ctypes.data), f.cast("double*", bf.ctypes.data))
        assert np.max(np.abs(ion["co"][:3] - np.array(want))) < 1e-13
        assert np.array_equal(inst["ko"], ion["co"][:3])
