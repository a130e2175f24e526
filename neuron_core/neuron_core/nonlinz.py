"""The extended impedance (Impedance.compute(freq, 1)): the system linearized in the voltages
and every mechanism's CVode states, with NEURON's finite differences (nonlinz.cpp).

The Jacobian blocks are NEURON's: di/dv per mechanism instance, di/ds, ds'/dv and ds'/ds
per instance, each from one-sided differences with step deltafac times the tolerance scale
(CVode.atolscale).  States couple only to their own instance and its node, so instead of a
general sparse factorization the states are eliminated instance by instance (a Schur
complement), which leaves a complex correction on the node's diagonal and the same tree
matrix as the di/dv-only calculation.
"""
from __future__ import annotations

import numpy as np

from .engine import check, eng, ffi, lib
from .errors import NeuronError
from .model import model

# NEURON 9.0.2 agrees with this module to 1e-12 when each mechanism with states has one
# instance per cell region studied (e.g. hh in a one-segment soma).  With several instances
# of a mechanism (hh in a section with nseg > 1) its results change with nseg (139, 176, 193
# MOhm for nseg = 1, 2, 3 of a 100 um hh cable, asymmetric along a symmetric cable), which a
# discretization of the same cable cannot do; this module keeps the documented method there
# (139, 140, 141 MOhm).
#
# The documented method puts i*omega on the diagonal of every state row.  NEURON 9.0.2's
# results are those of the system without it (its states answer instantaneously; checked
# against 9.0.2 on single- and multi-compartment hh models to 1e-12), and its numbers are
# what users compare with, so the term is left out unless this is switched on.
STATE_JOMEGA = False


def _view(m, j: int, view):
    """Instance j of nrn_mech m as a one-instance nrn_mech."""
    view.n = 1
    view.stride = m.stride
    view.type = m.type
    view.node = m.node + j
    view.pnt = m.pnt + j if m.pnt != ffi.NULL else ffi.NULL
    view.p = m.p + j
    view.pp = m.pp + j
    view.globals = m.globals
    return view


def _scales():
    from .variable_step import controller
    return controller.scales


def diagonal(omega: float, deltafac: float) -> np.ndarray:
    """The complex diagonal (S/cm2) that, with the cable's axial terms, gives the extended
    system after the states are eliminated; omega = 1e-6 * 2 pi f as in the linear method."""
    model.ensure_built()
    b = model.built
    ctx = eng.ctx
    cptr = ffi.addressof(ctx)
    saved = None if b.sav_rhs is None else (b.sav_rhs.copy(), b.sav_d.copy())
    lib.nrn_table_check()
    lib.nrn_fcurrent()                       # currents and assigned values at the present state
    check()
    n = b.nnode
    v = np.frombuffer(ffi.buffer(ctx.v, 8 * n), dtype=np.float64) if n else np.zeros(0)
    rhs = np.frombuffer(ffi.buffer(ctx.rhs, 8 * n), dtype=np.float64) if n else np.zeros(0)
    w = 1000.0 * omega                       # rad/ms
    scales = _scales()
    vtol = scales.get("v", 1.0) or 1.0
    dv = vtol * deltafac
    # axial terms and capacitance
    d = np.zeros(n, dtype=complex)
    has_parent = b.parent[:n] >= 0
    idx = np.nonzero(has_parent)[0]
    np.subtract.at(d, idx, b.b[idx])
    np.subtract.at(d, b.parent[idx], b.a[idx])
    d += 1j * 1e-3 * b.cm[:n] * w
    view = ffi.new("nrn_mech*")
    entries = b.entries
    # di/dv of every instance with a current
    for k in range(eng.nmech):
        e = entries[k]
        if e.desc.current == ffi.NULL or e.m.n == 0:
            continue
        for j in range(e.m.n):
            nd = int(e.m.node[j])
            if nd < 0:
                continue
            _view(e.m, j, view)
            rhs[nd] = 0.0
            x1 = v[nd]
            v[nd] = x1 + dv
            e.desc.current(cptr, view)
            x2 = rhs[nd]
            rhs[nd] = 0.0
            v[nd] = x1
            e.desc.current(cptr, view)
            d[nd] -= (x2 - rhs[nd]) / dv
    check()
    for ms, delta in _state_blocks(b, scales, deltafac):
        _eliminate_states(ms, delta, entries[ms.k], d, v, rhs, dv, w, view, cptr)
    check()
    if saved is not None:
        b.sav_rhs[:], b.sav_d[:] = saved
    return d


def _state_blocks(b, scales, deltafac):
    from .variable_step import equations
    eq = equations.build(b, scales)
    out = []
    for ms in eq.mechs:
        nst = len(ms.states)
        per = eq.atolscale[ms.ieq:ms.ieq + nst] if ms.ninst else np.ones(nst)
        out.append((ms, deltafac * np.asarray(per, dtype=float)))
    return out


def _eliminate_states(ms, delta: np.ndarray, e, d: np.ndarray, v: np.ndarray, rhs: np.ndarray,
                      dv: float, w: float, view, cptr) -> None:
    """Build the per-instance blocks of one mechanism and fold them into the diagonal."""
    m = e.m
    mptr = ffi.addressof(e, "m")
    ninst, cnt = int(m.n), len(ms.states)
    if ninst == 0 or cnt == 0:
        return
    stride = int(m.stride)
    p = np.frombuffer(ffi.buffer(m.p, 8 * stride * (max(ms.scol + ms.dcol) + 1)), dtype=np.float64)
    data = p.reshape(-1, stride)
    scol, dcol = list(ms.scol), list(ms.dcol)
    nodes = np.array([int(m.node[j]) for j in range(ninst)])
    spec = e.desc.ode_spec
    avs = np.zeros((ninst, cnt))              # row v, column s: -d(rhs)/ds
    asv = np.zeros((ninst, cnt))              # row s, column v: -ds'/dv
    ass = np.zeros((ninst, cnt, cnt), dtype=complex)
    if e.desc.current != ffi.NULL:
        for j in range(ninst):                # di/ds
            nd = nodes[j]
            if nd < 0:
                continue
            _view(m, j, view)
            rhs[nd] = 0.0
            e.desc.current(cptr, view)
            x2 = rhs[nd]
            for a in range(cnt):
                c = scol[a]
                s0 = data[c, j]
                data[c, j] = s0 + delta[a]
                rhs[nd] = 0.0
                e.desc.current(cptr, view)
                data[c, j] = s0
                avs[j, a] = -(rhs[nd] - x2) / delta[a]
            e.desc.current(cptr, view)
        # ds'/dv: each node moved once even with several instances there
        data[dcol, :ninst] = 0.0
        v0 = v[nodes].copy()
        for nd in np.unique(nodes[nodes >= 0]):
            v[nd] += dv
        spec(cptr, mptr)
        x2 = data[dcol, :ninst].copy()
        data[dcol, :ninst] = 0.0
        v[nodes] = v0
        spec(cptr, mptr)
        asv[:, :] = -((x2 - data[dcol, :ninst]) / dv).T
    # ds'/ds
    data[dcol, :ninst] = 0.0
    spec(cptr, mptr)
    base = data[dcol, :ninst].copy()
    for kk in range(cnt):
        data[dcol, :ninst] = 0.0
        c = scol[kk]
        s0 = data[c, :ninst].copy()
        data[c, :ninst] = s0 + delta[kk]
        spec(cptr, mptr)
        data[c, :ninst] = s0
        # NEURON divides by the step of the row's state
        ass[:, :, kk] = -((data[dcol, :ninst] - base) / delta[:, None]).T
    data[dcol, :ninst] = 0.0
    spec(cptr, mptr)
    if STATE_JOMEGA:
        ass += 1j * w * np.eye(cnt)[None, :, :]
    check()
    try:
        y = np.linalg.solve(ass, asv[:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:
        raise NeuronError("Impedance: singular state matrix in %s" % ms.name) from None
    corr = np.einsum("ja,ja->j", avs, y)
    ok = nodes >= 0
    np.subtract.at(d, nodes[ok], corr[ok])

