"""The extracellular mechanism: `nlayer` extracellular potentials (vext) around every node of the
sections that have it, with per-segment xraxial (MOhm/cm), xg (S/cm2), xc (uF/cm2) and
e_extracellular (mV); i_membrane (mA/cm2) is computed each step.

Segment parameters are mechanism columns; vext is node data (it exists at the section ends too)
kept per section like v, as views into the build's arrays once built.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from .engine import eng, ffi
from .errors import NeuronError
from .mechanisms import registry
from .mechtype import EXTRACELLULAR, MechType
from .model import model
from .refs import Ref, owned_ref

_state = {"nlayer": 2, "keep": None}


def nlayer() -> int:
    return _state["nlayer"]


def nlayer_extracellular(n: Optional[float] = None) -> float:
    """Get or set the number of layers (only while no section has extracellular)."""
    if n is not None:
        n = int(n)
        if not 1 <= n <= 1000:
            raise NeuronError("nlayer_extracellular must be in [1, 1000]")
        if n != _state["nlayer"]:
            mt = registry.types.get("extracellular")
            if mt is not None and mt.nalive:
                raise NeuronError("Cannot change nlayer_extracellular when instances exist")
            if mt is not None:
                registry.types.pop("extracellular")
                registry.order.remove(mt)
            _state["nlayer"] = n
    return float(_state["nlayer"])


def mechtype() -> MechType:
    mt = registry.types.get("extracellular")
    if mt is None:
        nl = _state["nlayer"]
        layers = dict(size=nl, array=True, kind="parameter")   # arrays even with one layer
        cols = [dict(name="xraxial", col=0, default=1e9, units="MOhm/cm", **layers),
                dict(name="xg", col=nl, default=1e9, units="S/cm2", **layers),
                dict(name="xc", col=2 * nl, default=0.0, units="uF/cm2", **layers),
                dict(name="e_extracellular", col=3 * nl, kind="parameter", default=0.0, units="mV"),
                dict(name="i_membrane", col=3 * nl + 1, kind="assigned", units="mA/cm2"),
                dict(name="sav_g", col=3 * nl + 2, kind="hidden", range=False),
                dict(name="sav_rhs", col=3 * nl + 3, kind="hidden", range=False)]
        meta = {"name": "extracellular", "suffix": "", "kind": "extracellular", "columns": cols}
        mt = MechType("extracellular", EXTRACELLULAR, meta)
        registry._add(mt)
    return mt


def insert_extracellular(sec) -> None:
    mt = mechtype()
    nl = _state["nlayer"]
    sec._mechs[mt.name] = mt.alloc(sec._nseg, sec)
    sec._mech_order.insert(0, mt.name)
    sec._vext = np.zeros((nl, sec._nseg + 1))
    sec._vextroot = np.zeros((nl, 1))
    model.structure_dirty = True


def after_uninsert(sec) -> None:
    sec.__dict__.pop("_vext", None)
    sec.__dict__.pop("_vextroot", None)


def has_ext(sec) -> bool:
    return "extracellular" in sec._mechs


# ------------------------------------------------------------------ build

def build(b, order) -> None:
    """Per-node layer arrays and axial coefficients; wires the engine (or clears it)."""
    mt = registry.types.get("extracellular")
    secs = [s for s in order if has_ext(s)] if mt is not None else []
    if not secs:
        eng.ext = ffi.NULL
        eng.ctx.vext = ffi.NULL
        _state["keep"] = None
        b.vx = None
        return
    nl = _state["nlayer"]
    n = b.nnode
    row = np.full(n, -2, dtype=np.int32)
    vx = np.zeros((nl, n))
    ax = np.zeros((nl, n))
    bx = np.zeros((nl, n))
    xr_col = mt.by_name["xraxial"].col
    for s in secs:
        n0, ns = s._node0, s._nseg
        r0 = s._mechs["extracellular"]
        for j in range(ns):
            row[n0 + s._block_index(j)] = r0 + j
        row[n0 + ns] = -1
        vx[:, n0:n0 + ns + 1] = s._vext[:, :ns + 1]
        if s._parent is None:
            row[s._rootnode] = -1
            vx[:, s._rootnode] = s._vextroot[:, 0]
        # half-segment resistances (MOhm) in attachment order; the end node has none
        dx = s.L / ns
        rows = np.array([r0 + (ns - 1 - k if s._childend == 1.0 else k) for k in range(ns)])
        rhalf = 1e-4 * mt.data[xr_col:xr_col + nl, rows] * (dx / 2.0)     # (nl, ns)
        bsum = np.empty((nl, ns + 1))
        bsum[:, 0] = rhalf[:, 0]
        bsum[:, 1:ns] = rhalf[:, 1:] + rhalf[:, :-1]
        bsum[:, ns] = rhalf[:, ns - 1]
        area = b.area
        par = b.parent[n0]
        ax[:, n0] = -1e2 * s._rallbranch / (bsum[:, 0] * area[par])
        ax[:, n0 + 1:n0 + ns + 1] = -1e2 / (bsum[:, 1:] * area[n0:n0 + ns])
        bx[:, n0:n0 + ns + 1] = -1e2 / (bsum * area[n0:n0 + ns + 1])
    for s in secs:
        s._vext = vx[:, s._node0:s._node0 + s._nseg + 1]
        if s._parent is None:
            s._vextroot = vx[:, s._rootnode:s._rootnode + 1]
    work = [np.zeros((nl, n)) for _ in range(3)]
    blk = np.zeros(n * (1 + nl) * (1 + nl))
    blkrhs = np.zeros(n * (1 + nl))
    x = ffi.new("nrn_extcell*")
    ptr = lambda a: ffi.cast("double*", a.ctypes.data)  # noqa: E731
    x.nlayer = nl
    x.stride = mt.data.shape[1]
    x.row = ffi.cast("int*", row.ctypes.data)
    x.p = ptr(mt.data)
    x.vx, x.ax, x.bx = ptr(vx), ptr(ax), ptr(bx)
    x.rhs, x.d, x.x12 = ptr(work[0]), ptr(work[1]), ptr(work[2])
    x.blk, x.blkrhs = ptr(blk), ptr(blkrhs)
    _state["keep"] = (x, row, vx, ax, bx, work, blk, blkrhs)
    b.vx = vx
    eng.ext = x
    eng.ctx.vext = ptr(vx)


# ----------------------------------------------------- segment access

def _vext_location(seg, k: int):
    from .segment import node_owner
    sec, where = node_owner(seg.sec, seg.x)
    if not has_ext(sec):
        raise NeuronError("extracellular is not inserted at %r" % seg)
    if where == "root":
        return sec._vextroot[k], 0
    return sec._vext[k], where


class VextArray:
    """`seg.vext`: layer potentials at the node of a segment (mV)."""

    def __init__(self, seg):
        self._seg = seg

    def __len__(self) -> int:
        return _state["nlayer"]

    def _k(self, k: int) -> int:
        if not 0 <= k < _state["nlayer"]:
            raise IndexError("vext index %d out of range (nlayer %d)" % (k, _state["nlayer"]))
        return k

    def __getitem__(self, k: int) -> float:
        arr, i = _vext_location(self._seg, self._k(k))
        return float(arr[i])

    def __setitem__(self, k: int, value: float) -> None:
        arr, i = _vext_location(self._seg, self._k(k))
        arr[i] = float(value)


class VextRefArray:
    """`seg._ref_vext`: `[k]` gives a pointer to layer k's potential."""

    def __init__(self, seg):
        self._seg = seg

    def __getitem__(self, k: int) -> Ref:
        seg = self._seg
        if not 0 <= k < _state["nlayer"]:
            raise IndexError("vext index %d out of range" % k)
        x = seg.x
        return owned_ref(seg.sec, lambda s: _vext_location(s(x), k), "%r.vext[%d]" % (seg, k))
