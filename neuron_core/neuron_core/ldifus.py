"""LONGITUDINAL_DIFFUSION: the couplings the engine hands to a mechanism's `ldifus` callback
(nrn_mech_abi.h), computed at each rebuild as NEURON's ldifus.cpp computes them
(longdifusalloc: which instance each one diffuses with; longdifus_diamchange: the geometry
factors), and their wiring into the engine (csrc/ldifus.c).

Instances are numbered in node order ("positions").  For the instance at node nd the partner
is the instance at nd's parent node; when that node has none (the zero-area node at a
section's end), the one at the parent's parent; when still none, the one at the first segment
of the section's parent section; -1 when none of these exist.  With dx = L/nseg of a section:
af = 2*rall/dxp/(dxc + dxp) and bf = 2/dxc/(dxc + dxp), rall being the section's rallbranch
for its first segment and 1 elsewhere.
"""
from __future__ import annotations

from typing import List, Optional

import numpy as np

from .engine import eng, ffi
from .errors import NeuronError
from .mechtype import ARTIFICIAL, MechType


class Couplings:
    """One mechanism's couplings, by position (instances in node order)."""

    def __init__(self, mt: MechType, perm: Optional[np.ndarray], nodes: np.ndarray,
                 pin: np.ndarray, af: np.ndarray, bf: np.ndarray):
        self.mt = mt
        self.perm = perm      # row of each position; None when the rows are in node order
        self.nodes = nodes    # node of each position (ascending)
        self.pin, self.af, self.bf = pin, af, bf


def has_ldifus(mt: MechType) -> bool:
    return (mt.desc is not None and mt.kind != ARTIFICIAL and mt.desc.ldifus != ffi.NULL
            and mt.nalive > 0)


def _section_length(s) -> float:
    """NEURON's section_length: L, or the arc length of the last 3-D point."""
    if s._pt3d is not None and len(s._pt3d) > 1:
        return float(s._arc[-1])
    return float(s._L)


def compute(b, mt: MechType) -> Couplings:
    """The couplings of mt's instances in build b (rows already sorted by build.py)."""
    n = mt.nalive
    rows_nodes = np.asarray(mt.node_arr[:n], dtype=np.int64)
    order = np.argsort(rows_nodes, kind="stable")
    nodes = rows_nodes[order]
    if n > 1 and np.any(nodes[1:] == nodes[:-1]):
        dup = int(nodes[1:][nodes[1:] == nodes[:-1]][0])
        raise NeuronError("%s: LONGITUDINAL_DIFFUSION needs at most one instance per node "
                          "(several are at node %d)" % (mt.name, dup))
    perm = None if np.array_equal(order, np.arange(n)) else order.astype(np.int32)
    secs = b.sections
    sec_of = np.full(max(b.nnode, 1), -1, dtype=np.int64)
    for k, s in enumerate(secs):
        sec_of[s._node0:s._node0 + s._nseg + 1] = k
        if s._parent is None:
            sec_of[s._rootnode] = k
    index = {id(s): k for k, s in enumerate(secs)}
    pos = np.full(max(b.nnode, 1), -1, dtype=np.int64)
    pos[nodes] = np.arange(n)
    parent = b.parent

    def first_of_parent_section(nd: int) -> int:
        psec = secs[sec_of[nd]]._parent
        if psec is None or id(psec) not in index:
            return -1
        return int(pos[psec._node0])

    pin = np.full(n, -1, dtype=np.int32)
    af = np.zeros(n)
    bf = np.zeros(n)
    for j in range(n):
        nd = int(nodes[j])
        pnd = int(parent[nd])
        p = int(pos[pnd]) if pnd >= 0 else -1
        if p == -1:
            gp = int(parent[pnd]) if pnd >= 0 else -1
            if gp >= 0:
                p = int(pos[gp])
                if p < 0:
                    p = first_of_parent_section(nd)
            else:
                p = first_of_parent_section(nd)
        if p < 0:
            continue
        pin[j] = p
        sc = secs[sec_of[nd]]
        sp = secs[sec_of[int(nodes[p])]]
        rall = sc._rallbranch if nd == sc._node0 else 1.0
        dxc = _section_length(sc) / float(sc._nseg)
        dxp = _section_length(sp) / float(sp._nseg)
        af[j] = 2 * rall / dxp / (dxc + dxp)
        bf[j] = 2 / dxc / (dxc + dxp)
    return Couplings(mt, perm, nodes, pin, af, bf)


def compute_all(b, mechs: List[MechType]) -> List[Couplings]:
    return [compute(b, mt) for mt in mechs if has_ldifus(mt)]


def _relative(pin: np.ndarray, nodes: np.ndarray, bounds) -> np.ndarray:
    """pin relative to the first position of the node range (cell or thread) holding each
    instance; bounds are the ranges' first nodes, in order, with the end."""
    starts = np.searchsorted(nodes, np.asarray(bounds[:-1], dtype=np.int64))
    group = np.searchsorted(np.asarray(bounds, dtype=np.int64), nodes, side="right") - 1
    first = starts[group] if len(nodes) else np.zeros(0, dtype=np.int64)
    out = pin.astype(np.int64) - first
    out[pin < 0] = -1
    return out.astype(np.int32)


def wire(b, mechs: List[MechType], couplings: List[Couplings]) -> None:
    """Hand the couplings to the engine (after build.py's _wire_threads)."""
    if not couplings:
        eng.nldifus = 0
        eng.ldifus = ffi.NULL
        b.ldifus = None
        return
    arr = ffi.new("nrn_ldifus[]", len(couplings))
    keep = [arr]
    index = {mt.name: k for k, mt in enumerate(mechs)}
    ip = lambda a: ffi.cast("int*", a.ctypes.data)  # noqa: E731
    dp = lambda a: ffi.cast("double*", a.ctypes.data)  # noqa: E731
    thr = b.thr_node if getattr(b, "thr_node", None) is not None else [0, b.nnode]
    for j, c in enumerate(couplings):
        mt = c.mt
        ld = arr[j]
        ld.k = index[mt.name]
        ld.ncol = mt.data.shape[0]
        ld.nslot = mt.pp.shape[0]
        pin_thr = _relative(c.pin, c.nodes, list(thr))
        pin_cell = _relative(c.pin, c.nodes, list(b.cell_start))
        keep += [c.pin, pin_thr, pin_cell, c.af, c.bf]
        ld.pin, ld.pin_thr, ld.pin_cell = ip(c.pin), ip(pin_thr), ip(pin_cell)
        ld.af, ld.bf = dp(c.af), dp(c.bf)
        if c.perm is None:
            ld.perm = ffi.NULL
            ld.p = ffi.NULL
            ld.pp = ffi.NULL
            ld.node = ffi.NULL
        else:
            stride = mt.data.shape[1]
            p = np.zeros((mt.data.shape[0], stride))
            pp = np.zeros((mt.pp.shape[0], stride), dtype=np.uintp)
            node = np.zeros(max(stride, 1), dtype=np.int32)
            keep += [c.perm, p, pp, node]
            ld.perm = ip(c.perm)
            ld.p = dp(p)
            ld.pp = ffi.cast("double**", pp.ctypes.data)
            ld.node = ip(node)
    b.ldifus = keep
    eng.ldifus = arr
    eng.nldifus = len(couplings)
