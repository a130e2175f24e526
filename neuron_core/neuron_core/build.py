"""Rebuilding the model: node order, node arrays, geometry, mechanism storage, engine pointers.

Run lazily (Model.ensure_built) after any structural or geometric change.  Afterwards every
section's `_v` / `_vroot` is a view into the node voltage array, every mechanism's rows are
compacted and ordered by node, pointer slots hold fresh addresses, and the callbacks in
`model.on_rebuild` have re-resolved stored references (records, plays, NetCon sources).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Dict, List
import weakref

import numpy as np

from . import geometry, ldifus
from .engine import eng, ffi, lib
from .errors import NeuronError
from .mechanisms import registry
from .mechtype import ARTIFICIAL, DENSITY, EXTRACELLULAR, ION, POINT, MechType

ION_VAR_COL = {"e": 0, "ci": 1, "co": 2, "cur": 3, "dcurdv": 4}


class Built:
    """The arrays of one build; sections hold views into them."""

    def __init__(self, nnode: int, nroot: int):
        self.nnode, self.nroot = nnode, nroot
        z = lambda: np.zeros(max(nnode, 1))  # noqa: E731
        self.v, self.rhs, self.d, self.area, self.diam = z(), z(), z(), z(), z()
        self.a, self.b, self.rinv, self.cm, self.i_cap = z(), z(), z(), z(), z()
        self.d0 = z()
        self.sav_d = self.sav_rhs = None
        self.parent = np.full(max(nnode, 1), -1, dtype=np.int32)
        self._section_refs: List[weakref.ref] = []
        self.keep: List = []
        self.ion_rows: Dict[str, np.ndarray] = {}
        self.mech_index: Dict[str, int] = {}

    @property
    def sections(self) -> List:
        """The built sections in node order.  The build refers to them weakly: a section the
        user lets go is deleted (and marks the structure for a rebuild) as in NEURON."""
        return [s for s in (r() for r in self._section_refs) if s is not None]

    def node_index(self, sec, x: float) -> int:
        attach = 1.0 if sec._childend == 1.0 else 0.0
        if x == attach:
            p = sec._parent
            if p is None or p._deleted:
                return sec._rootnode
            return self.node_index(p, sec._parentx)
        if x == 1.0 - attach:
            return sec._node0 + sec._nseg
        return sec._node0 + sec._block_index(sec._seg_index(x))


def rebuild(model) -> None:
    secs = model.section_list()
    for s in secs:
        if s._parent_ref is not None and (s._parent is None or s._parent._deleted):
            s.disconnect()
    children = defaultdict(list)
    roots = []
    for s in secs:
        (children[id(s._parent)].append(s) if s._parent is not None else roots.append(s))
    for kids in children.values():   # NEURON's child order: by position, latest connect first
        kids.sort(key=lambda c: (c._parentx, -c._connect_seq))
    # node order: cell by cell, each cell's root node first, then its sections breadth first
    cells = []
    for r in roots:
        queue = [r]
        i = 0
        while i < len(queue):
            queue.extend(children.get(id(queue[i]), ()))
            i += 1
        cells.append(queue)
    order = [s for cell in cells for s in cell]
    nroot = len(roots)
    nnode = nroot + sum(s._nseg + 1 for s in order)
    b = Built(nnode, nroot)
    b._section_refs = [weakref.ref(s) for s in order]
    b.children = {pid: [id(c) for c in kids] for pid, kids in children.items()}
    pos = 0
    b.cell_start = []
    for cell in cells:
        r = cell[0]
        b.cell_start.append(pos)
        r._rootnode = pos
        b.v[pos] = r._vroot[0]
        pos += 1
        for s in cell:
            n = s._nseg
            s._node0 = pos
            b.v[pos:pos + n + 1] = s._v[:n + 1]
            pos += n + 1
    b.cell_start.append(pos)
    for r in roots:
        r._vroot = b.v[r._rootnode:r._rootnode + 1]
    for s in order:
        s._v = b.v[s._node0:s._node0 + s._nseg + 1]
    # parents
    for s in order:
        n0 = s._node0
        p = s._parent
        b.parent[n0] = s._rootnode if p is None else b.node_index(p, s._parentx)
        b.parent[n0 + 1:n0 + s._nseg + 1] = np.arange(n0, n0 + s._nseg)
    _geometry(b, order, roots, model.spine_area)
    if model.use_fast_imem:
        b.sav_d = np.zeros(max(nnode, 1))
        b.sav_rhs = np.zeros(max(nnode, 1))
    _mechanisms(model, b, order)
    b.ldifus_couplings = ldifus.compute_all(b, registry.order)
    from . import extracellular
    extracellular.build(b, order)
    old = model.built
    model.built = b
    _wire_engine(model, b, old)
    model.structure_dirty = False
    model.geometry_dirty = False
    model.version += 1
    for fn in list(model.on_rebuild):
        fn()
    lib.nrn_nonvint_call(lib.NRN_NV_STRUCTURE)


def _geometry(b: Built, order: List, roots: List, spine_area: float) -> None:
    area, rinv, cm, diam = b.area, b.rinv, b.cm, b.diam
    for r in roots:
        area[r._rootnode] = 100.0
    for s in order:
        n = s._nseg
        n0 = s._node0
        user = np.arange(n)[::-1] if s._childend == 1.0 else np.arange(n)
        if s._pt3d is not None and len(s._pt3d) > 1:
            d, a, ri = geometry.from_points(s._pt3d, s._arc, n, s._Ra, spine_area=spine_area)
            s._diam[user] = d
        else:
            a, ri = geometry.stylized(s._L, s._Ra, s._diam[user])
        area[n0:n0 + n] = a
        area[n0 + n] = 100.0
        rinv[n0:n0 + n + 1] = ri
        cm[n0:n0 + n] = s._cm[user]
        diam[n0:n0 + n] = s._diam[user]
        diam[n0 + n] = s._diam[user[-1]]
    for s in order:
        n = s._nseg
        n0 = s._node0
        par = b.parent[n0]
        b.a[n0] = -1e2 * s._rallbranch * rinv[n0] / area[par]
        b.a[n0 + 1:n0 + n + 1] = -1e2 * rinv[n0 + 1:n0 + n + 1] / area[n0:n0 + n]
        b.b[n0:n0 + n + 1] = -1e2 * rinv[n0:n0 + n + 1] / area[n0:n0 + n + 1]


def _mechanisms(model, b: Built, order: List) -> None:
    for mt in registry.order:
        if mt.nalive == 0:
            mt.reorder(np.zeros(0, dtype=np.int64))
            mt.node_arr = np.zeros(1, dtype=np.int32)
            mt.pnt_arr = np.zeros(1, dtype=np.int32)
            mt.dirty = False
            continue
        if mt.kind in (DENSITY, ION) or mt.name == "extracellular":
            perm, nodes = [], []
            for s in order:
                r0 = s._mechs.get(mt.name)
                if r0 is None:
                    continue
                n = s._nseg
                perm.append(np.arange(r0, r0 + n))
                nodes.append(s._node0 + np.array([s._block_index(j) for j in range(n)]))
            perm = np.concatenate(perm) if perm else np.zeros(0, dtype=np.int64)
            nodes = np.concatenate(nodes) if nodes else np.zeros(0, dtype=np.int64)
            mt.reorder(perm)
            pos = 0
            for s in order:
                if mt.name in s._mechs:
                    s._mechs[mt.name] = pos
                    pos += s._nseg
            mt.node_arr = nodes.astype(np.int32)
            mt.pnt_arr = np.zeros(max(len(nodes), 1), dtype=np.int32)
        else:
            rows = np.nonzero(mt.alive[:mt.nrows])[0]
            owners = [mt.owner_of(int(r)) for r in rows]
            if any(o is None for o in owners):   # owners collected as cyclic garbage
                keep = [k for k, o in enumerate(owners) if o is not None]
                rows = rows[keep]
                owners = [owners[k] for k in keep]
            if mt.kind == POINT:
                nodes = np.array([o._node_index(b) for o in owners], dtype=np.int64)
                idx = np.argsort(nodes, kind="stable")
            else:
                nodes = np.full(len(rows), -1, dtype=np.int64)
                idx = np.arange(len(rows))
            mt.reorder(rows[idx])
            for k, o in enumerate(owners[i] for i in idx):
                o.__dict__["_row"] = k
            mt.node_arr = nodes[idx].astype(np.int32)
            mt.pnt_arr = np.array([owners[i]._pnt for i in idx], dtype=np.int32)
        mt.dirty = False
        if mt.kind == ION:
            rows = np.full(max(b.nnode, 1), -1, dtype=np.int64)
            rows[mt.node_arr] = np.arange(mt.nalive)
            b.ion_rows[mt.ion_name] = rows
    for mt in registry.order:
        if mt.nalive and mt.nslot:
            _fill_slots(model, b, mt)


def _fill_slots(model, b: Built, mt: MechType) -> None:
    n = mt.nalive
    for k, slot in enumerate(mt.slots):
        if slot.kind == "ion":
            ion = registry.types[slot.ion + "_ion"]
            rows = b.ion_rows.get(slot.ion)
            r = rows[mt.node_arr[:n]] if rows is not None else np.full(n, -1)
            if np.any(r < 0):
                bad = int(np.nonzero(r < 0)[0][0])
                raise NeuronError("%s needs ion %s at node %d where it is not present"
                                  % (mt.name, slot.ion, int(mt.node_arr[bad])))
            col = ION_VAR_COL[slot.var]
            stride = ion.data.shape[1]
            mt.pp[k, :n] = ion.data.ctypes.data + 8 * (col * stride + r)
        elif slot.kind == "bbcorepointer":
            continue  # set by the mechanism's own code; kept across rebuilds, NULL at first
        else:
            from .pointers import slot_addresses
            mt.pp[k, :n] = slot_addresses(mt, k, slot, n)


def _mech_call_order() -> List[MechType]:
    """Ions first, then mechanisms that write concentrations, then the rest."""
    ions, writers, rest = [], [], []
    for mt in registry.order:
        if mt.nalive == 0 or mt.kind == EXTRACELLULAR:
            continue
        if mt.kind == ION:
            ions.append(mt)
        elif any(set(u.get("write", [])) & {u["name"] + "i", u["name"] + "o"} for u in mt.ions):
            writers.append(mt)
        else:
            rest.append(mt)
    return ions + writers + rest


def _wire_engine(model, b: Built, old) -> None:
    ctx = eng.ctx
    ptr = lambda a: ffi.cast("double*", a.ctypes.data)  # noqa: E731
    ctx.nnode = b.nnode
    ctx.v, ctx.rhs, ctx.d, ctx.area, ctx.diam = ptr(b.v), ptr(b.rhs), ptr(b.d), ptr(b.area), ptr(b.diam)
    eng.nnode, eng.nroot = b.nnode, b.nroot
    eng.parent = ffi.cast("int*", b.parent.ctypes.data)
    eng.a, eng.b, eng.cm, eng.i_cap = ptr(b.a), ptr(b.b), ptr(b.cm), ptr(b.i_cap)
    eng.d0 = ptr(b.d0)
    eng.d0_cj = -1.0
    if b.sav_d is not None:
        eng.sav_d, eng.sav_rhs = ptr(b.sav_d), ptr(b.sav_rhs)
    else:
        eng.sav_d = eng.sav_rhs = ffi.NULL
    mechs = _mech_call_order()
    entries = ffi.new("nrn_mech_entry[]", max(len(mechs), 1))
    ion_desc = registry._ion_desc
    for k, mt in enumerate(mechs):
        e = entries[k]
        m = e.m
        m.n = mt.nalive
        m.stride = mt.data.shape[1]
        m.type = mt.type_index
        m.node = ffi.cast("int*", mt.node_arr.ctypes.data)
        m.pnt = ffi.cast("int*", mt.pnt_arr.ctypes.data) if mt.is_point else ffi.NULL
        m.p = ptr(mt.data)
        m.pp = ffi.cast("double**", mt.pp.ctypes.data)
        m.globals = ptr(mt.globals) if not isinstance(mt.globals, np.ndarray) or mt.globals.size else ffi.NULL
        e.desc = mt.desc if mt.desc is not None else ion_desc
        e.kind = mt.kind
        e.electrode = 1 if mt.electrode else 0
        e.has_state = 1 if (mt.desc is not None and mt.desc.state != ffi.NULL) else 0
        b.mech_index[mt.name] = k
    b.entries = entries
    eng.mechs = entries
    eng.nmech = len(mechs)
    eng.has_ba = 1 if any(_has_ba(mt) for mt in mechs) else 0
    _wire_threads(model, b, mechs)
    ldifus.wire(b, mechs, b.ldifus_couplings)
    _wire_solver(b)
    _wire_pnts(model, b, old)


def _has_ba(mt: MechType) -> bool:
    d = mt.desc
    if d is None:
        return False
    return any(getattr(d, f) != ffi.NULL for f in ("before_initial", "after_initial",
                                                      "before_breakpoint", "after_solve", "before_step"))


def _wire_solver(b: Built) -> None:
    """The tree-solve schedule: per thread, its sections grouped by height (leaves first)."""
    bounds = list(b.thr_node) if getattr(b, "thr_node", None) is not None else [0, b.nnode]
    height = {}
    for s in reversed(b.sections):  # children come after parents in b.sections
        hs = [height[c] + 1 for c in b.children.get(id(s), ())]
        height[id(s)] = max(hs) if hs else 0
    starts, lens, lev_off, lev_lo, chain_lo, roots, root_lo = [], [], [0], [0], [0], [], [0]
    qstarts, qlens, qlev_off = [], [], [0]
    for t in range(len(bounds) - 1):
        lo, hi = bounds[t], bounds[t + 1]
        secs = [s for s in b.sections if lo <= s._node0 < hi]
        by_h = defaultdict(list)
        for s in secs:
            by_h[height[id(s)]].append(s)
        for hgt in sorted(by_h):
            # chains of equal length side by side: lockstep groups then finish together
            level = sorted(by_h[hgt], key=lambda s: s._nseg)
            rest = _quads(b, level, qstarts, qlens)
            for s in rest:
                starts.append(s._node0)
                lens.append(s._nseg + 1)
            lev_off.append(len(starts))
            qlev_off.append(len(qlens))
        lev_lo.append(len(lev_off) - 1)
        chain_lo.append(len(starts))
        roots.extend(s._rootnode for s in secs if s._parent is None)
        root_lo.append(len(roots))
    arrs = [np.array(x if x else [0], dtype=np.int32)
            for x in (starts, lens, lev_off, lev_lo, chain_lo, roots, root_lo, qstarts, qlens, qlev_off)]
    b.solver_arrays = arrs
    c = [ffi.cast("int*", a.ctypes.data) for a in arrs]
    eng.chain_start, eng.chain_len, eng.lev_off, eng.lev_lo, eng.chain_lo, eng.roots, eng.root_lo = c[:7]
    eng.quad_start, eng.quad_len, eng.qlev_off = c[7:] if qlens else (ffi.NULL,) * 3


QUAD = 8   # chains solved together (csrc/core.c QL)
group_chains = True   # False: every chain on the scalar path (tests compare the two)


def _quads(b: Built, level: List, qstarts: List[int], qlens: List[int]) -> List:
    """Take quads out of one level's chains (in solve order): runs of four of equal length
    whose head's parent node no other chain of the level has, so that solving them together
    changes no order of operations on a shared node.  Returns the other chains, in order."""
    if not group_chains:
        return level
    heads = Counter(int(b.parent[s._node0]) for s in level)
    by_len = defaultdict(list)
    for s in level:
        if heads[int(b.parent[s._node0])] == 1:
            by_len[s._nseg + 1].append(s)
    taken = set()
    for length, chains in by_len.items():
        for k in range(0, len(chains) - QUAD + 1, QUAD):
            quad = chains[k:k + QUAD]
            qstarts.extend(s._node0 for s in quad)
            qlens.append(length)
            taken.update(id(s) for s in quad)
    return [s for s in level if id(s) not in taken]


def _wire_threads(model, b: Built, mechs: List[MechType]) -> None:
    """Split the cells into `model.nthread` contiguous groups of about equal node count and
    give each thread a view of every mechanism's instances in its cells."""
    nth = max(1, min(model.nthread, len(b.cell_start) - 1))
    eng.nthread = nth
    b.thread_unsafe = None
    if nth == 1:
        eng.thr_node = ffi.NULL
        eng.thr_mechs = ffi.NULL
        b.thr_node = None
        return
    starts = np.array(b.cell_start)
    bounds = [0]
    for t in range(1, nth):
        target = b.nnode * t / nth
        k = int(np.searchsorted(starts, target))
        bounds.append(int(starts[min(max(k, 1), len(starts) - 1)]))
    bounds.append(b.nnode)
    b.thr_node = np.array(bounds, dtype=np.int32)
    views = ffi.new("nrn_mech[]", nth * max(len(mechs), 1))
    for k, mt in enumerate(mechs):
        nodes = mt.node_arr[:mt.nalive]
        for t in range(nth):
            lo, hi = (int(x) for x in np.searchsorted(nodes, [bounds[t], bounds[t + 1]]))
            if mt.kind == ARTIFICIAL:
                lo = hi = 0
            src = b.entries[k].m
            v = views[t * len(mechs) + k]
            v.n = hi - lo
            v.stride = src.stride
            v.type = src.type
            v.node = src.node + lo
            v.pnt = src.pnt + lo if src.pnt != ffi.NULL else ffi.NULL
            v.p = src.p + lo
            v.pp = src.pp + lo
            v.globals = src.globals
        if b.thread_unsafe is None and not mt.meta.get("thread_safe", True):
            used = sum(1 for t in range(nth) if views[t * len(mechs) + k].n > 0)
            if used > 1:
                b.thread_unsafe = mt.name
    b.thr_views = views
    eng.thr_node = ffi.cast("int*", b.thr_node.ctypes.data)
    eng.thr_mechs = views


def _wire_pnts(model, b: Built, old) -> None:
    npnt = max(model._next_pnt, 1)
    pnts = ffi.new("nrn_pnt[]", npnt)
    for k in range(npnt):
        pnts[k].mech = -1
        pnts[k].presyn = -1
        pnts[k].tqitem = -1
    if old is not None and getattr(old, "pnts", None) is not None:
        for k in range(min(old.npnt, npnt)):
            pnts[k].tqitem = old.pnts[k].tqitem
            pnts[k].tqseq = old.pnts[k].tqseq
            pnts[k].presyn = old.pnts[k].presyn
    for pid, ref in model.point_processes.items():
        pp = ref()
        if pp is None or pp._row < 0:
            continue
        pnts[pid].mech = b.mech_index[pp._mt.name]
        pnts[pid].row = pp._row
        pnts[pid].presyn = pp._presyn_id
    b.pnts = pnts
    b.npnt = npnt
    b.keep.append(pnts)
    eng.pnts = pnts
    eng.npnt = npnt
