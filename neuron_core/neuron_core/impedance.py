"""Impedance: input and transfer impedance of the cable model at one frequency, as NEURON's
impedanc.cpp computes it.

compute(freq) linearizes each membrane at the present state by its di/dv only: a matrix
setup with no capacitance term (cj = 0) gives every node's conductance plus the axial terms;
the capacitance enters as i*omega*cm.  One complex tree elimination then yields the transfer
impedance from the stimulus location to every node and, by NEURON's recursion, the input
impedance at every node.  compute(freq, 1) adds the gating states' dynamics (nonlinz.py).
Impedances are in MOhm (mV per nA), phases in radians.
"""
from __future__ import annotations

import math
from typing import Optional, Tuple

import numpy as np

from . import nonlinz
from .engine import check, eng, ffi, lib
from .errors import NeuronError
from .model import model

_counter = [0]


def _dp(a: np.ndarray):
    return ffi.cast("double*", a.ctypes.data)


def _ip(a: np.ndarray):
    return ffi.cast("int*", a.ctypes.data)


class TreeSystem:
    """The factored complex tree matrix of one build, with solves by stimulus location."""

    def __init__(self, d: np.ndarray):
        b = model.built
        self.version = model.version
        self.n = b.nnode
        self.parent = b.parent
        self.b = b.b
        self.area = b.area
        self.dre = np.ascontiguousarray(d.real)
        self.dim = np.ascontiguousarray(d.imag)
        self.pre = np.zeros(self.n)
        self.pim = np.zeros(self.n)
        lib.nrn_imp_factor(self.n, _ip(self.parent), _dp(b.a), _dp(b.b), _dp(self.dre),
                           _dp(self.dim), _dp(self.pre), _dp(self.pim))
        self._solutions = {}

    def solve(self, istim: int) -> np.ndarray:
        """Voltages (mV) for 1 nA injected at node istim."""
        x = self._solutions.get(istim)
        if x is None:
            xre, xim = np.zeros(self.n), np.zeros(self.n)
            inj = 1e2 / self.area[istim] if istim >= 0 else 0.0
            lib.nrn_imp_solve(self.n, _ip(self.parent), _dp(self.b), _dp(self.dre), _dp(self.dim),
                              _dp(self.pre), _dp(self.pim), istim, inj, _dp(xre), _dp(xim))
            x = self._solutions[istim] = xre + 1j * xim
        return x

    def inputs(self) -> np.ndarray:
        ire, iim = np.zeros(self.n), np.zeros(self.n)
        lib.nrn_imp_input(self.n, _ip(self.parent), _dp(self.b), _dp(self.dre), _dp(self.dim),
                          _dp(self.pre), _dp(self.pim), _dp(self.area), _dp(ire), _dp(iim))
        return ire + 1j * iim


def linear_diagonal(omega: float) -> np.ndarray:
    """Membrane conductances and axial terms (cj = 0) plus i*omega*cm at every node, S/cm2;
    omega in rad/ms * 1e-3 (NEURON's 1e-6 * 2 pi f)."""
    b = model.built
    saved = _save_fast_imem(b)
    cj = eng.ctx.cj
    lib.nrn_table_check()
    eng.ctx.cj = 0.0
    try:
        lib.nrn_setup_tree_matrix()
    finally:
        eng.ctx.cj = cj
        _restore_fast_imem(b, saved)
    check()
    return b.d + 1j * (b.cm * omega)


def _save_fast_imem(b):
    if b.sav_rhs is None:
        return None
    return b.sav_rhs.copy(), b.sav_d.copy()


def _restore_fast_imem(b, saved) -> None:
    if saved is not None:
        b.sav_rhs[:], b.sav_d[:] = saved


def refuse_extracellular(what: str) -> None:
    from .mechanisms import registry
    mt = registry.types.get("extracellular")
    if mt is not None and mt.nalive:
        raise NeuronError("%s with extracellular is not implemented" % what)


class Impedance:
    """loc(x) the stimulus/recording site, compute(freq[, 1]), then input/transfer/ratio and
    their phases anywhere."""

    def __init__(self):
        self._loc: Optional[Tuple[object, float]] = None
        self._deltafac = 0.001
        self._sys: Optional[TreeSystem] = None
        self._input = None
        self._istim = -1
        self._nonlin = False
        self._index = _counter[0]
        _counter[0] += 1

    # --------------------------------------------------------- location

    def loc(self, x, sec=None) -> float:
        """loc(x, sec=) or loc(seg); loc(-1) removes the location."""
        from .segment import Segment
        if isinstance(x, Segment):
            self._loc = (x.sec, float(x.x))
            return 0.0
        x = float(x)
        if not -1.0 <= x <= 1.0:
            raise NeuronError("Impedance.loc: x = %g out of range [-1, 1]" % x)
        if x < 0:
            self._loc = None
        else:
            self._loc = (sec if sec is not None else model.cas(), x)
        return 0.0

    def _node(self, where, sec=None) -> int:
        from .segment import Segment
        if isinstance(where, Segment):
            s, x = where.sec, where.x
        else:
            s, x = (sec if sec is not None else model.cas()), float(where)
        s._check()
        return int(model.built.node_index(s, x))

    # ---------------------------------------------------------- compute

    def compute(self, freq, nonlin=0, maxiter=500) -> float:
        """Frequency in Hz; nonlin = 1 includes the gating states (NEURON's extended method)."""
        if model.nthread > 1:
            raise NeuronError("Impedance works with only one thread")
        model.ensure_built()
        if int(maxiter) < 1:
            raise NeuronError("Impedance.compute: maxiter must be >= 1")
        if self._loc is None:
            raise NeuronError("Impedance stimulus location is not specified.")
        s, x = self._loc
        if s._deleted:
            self._loc = None
            raise NeuronError("Impedance stimulus location is not specified.")
        self._istim = int(model.built.node_index(s, x))
        omega = 1e-6 * 2.0 * math.pi * float(freq)
        if nonlin:
            refuse_extracellular("Impedance calculation")
            d = nonlinz.diagonal(omega, self._deltafac)
        else:
            refuse_extracellular("Impedance")
            d = linear_diagonal(omega)
        self._sys = TreeSystem(d)
        self._nonlin = bool(nonlin)
        self._input = None if self._nonlin else self._sys.inputs()
        return 0.0

    def _system(self) -> TreeSystem:
        if self._sys is None:
            raise NeuronError("Must call Impedance.compute first")
        if self._sys.version != model.version or model.structure_dirty:
            raise NeuronError("the model changed since Impedance.compute; compute again")
        return self._sys

    def _transfer(self, where, sec) -> complex:
        sysm = self._system()
        return complex(sysm.solve(self._istim)[self._node(where, sec)])

    def _input_at(self, where, sec) -> complex:
        sysm = self._system()
        i = self._node(where, sec)
        if self._nonlin:
            return complex(sysm.solve(i)[i])
        return complex(self._input[i])

    # ---------------------------------------------------------- results

    def transfer(self, x, sec=None) -> float:
        """|v(loc)/i(x)| = |v(x)/i(loc)| in MOhm."""
        return abs(self._transfer(x, sec))

    def transfer_phase(self, x, sec=None) -> float:
        return math.atan2(self._transfer(x, sec).imag, self._transfer(x, sec).real)

    def input(self, x, sec=None) -> float:
        """|v(x)/i(x)| in MOhm."""
        return abs(self._input_at(x, sec))

    def input_phase(self, x, sec=None) -> float:
        z = self._input_at(x, sec)
        return math.atan2(z.imag, z.real)

    def ratio(self, x, sec=None) -> float:
        """|v(loc)/v(x)| with x voltage clamped."""
        sysm = self._system()
        i = self._node(x, sec)
        if self._nonlin:
            v = sysm.solve(i)
            return abs(v[self._istim] / v[i])
        return abs(self._transfer(x, sec) / self._input[i])

    def deltafac(self, fac=None) -> float:
        """Relative step of the numerical derivatives of the extended calculation (default 0.001)."""
        if fac is not None:
            fac = float(fac)
            if not 1e-10 <= fac <= 1:
                raise NeuronError("Impedance.deltafac must be in [1e-10, 1]")
            self._deltafac = fac
        return self._deltafac

    def hname(self) -> str:
        return "Impedance[%d]" % self._index

    def __repr__(self) -> str:
        return self.hname()
