"""Section1D: the block of 1-D nodes one species has on one section of one region.

A block is nseg segment nodes (at the segment centres) followed by a zero-volume node for
the section's far end; its first node connects to its parent: the parent section's node at
the connection point (`int(nseg * x)` of the parent, the end node when x = 1), or a
zero-volume root node of the species when the section is a root (or its parent is not in the
region).  Diffusion between neighbours is D * A_border / (V * dx) with D averaged between
neighbours and the half distance doubled at section ends; zero-volume nodes conserve mass.
"""
from __future__ import annotations

import weakref

import numpy

from . import node
from .rxdsection import RxDSection

# concentration pointers of every 1-D node copied to the engine (cai, cao, ...)
_all_cptrs: list = []
_all_cindices: list = []
# section -> its Section1D blocks
_rxd_sec_lookup: dict = {}


def _purge_cptrs() -> None:
    """Forget the concentration pointers (rebuilt at the next setup)."""
    global _all_cptrs, _all_cindices
    _all_cptrs = []
    _all_cindices = []


def _parent(sec):
    """The parent segment of a section as rxd sees it (None for a root)."""
    seg = sec.trueparentseg()
    if seg is not None:
        return seg
    seg = sec.parentseg()
    if seg is None:
        return None
    par = seg.sec
    if par.parentseg() is not None and seg.x == par.orientation():
        return _parent(par)
    return seg


class Section1D(RxDSection):
    __slots__ = ("_species", "_diff", "_sec", "_offset", "_nseg", "_region", "_neighbor_areas",
                 "_parent", "__weakref__")

    def __init__(self, species, sec, diff: float, r, offset: int):
        self._species = weakref.ref(species)
        self._diff = diff
        self._sec = sec
        self._offset = offset
        self._nseg = sec.nseg
        self._region = r
        self._neighbor_areas = None
        self._parent = None

    def __repr__(self):
        return "Section1D(%r, %s, %r)" % (self._species(), self._sec.name(), self._region)

    @property
    def indices(self) -> list:
        return list(range(self._offset, self._offset + self._nseg))

    @property
    def nodes(self):
        from .nodelist import NodeList
        n = self._nseg
        return NodeList([node.Node1D(self, i, (i + 0.5) / n) for i in range(n)])

    def _update_node_data(self) -> None:
        """Volumes, membrane areas and border areas of the block from the geometry."""
        geo = self._region._geometry
        lo, hi = self._offset, self._offset + self._nseg
        node._volumes[lo:hi] = geo.volumes1d(self._sec)
        node._surface_area[lo:hi] = geo.surface_areas1d(self._sec)
        self._neighbor_areas = numpy.asarray(geo.neighbor_areas1d(self._sec), dtype=float)
        node._diffs[lo:hi] = self._diff
        for (rid, sid, i), d in self._species()._d_overrides.items():
            if rid == id(self._region) and sid == id(self._sec) and i < self._nseg:
                node._diffs[lo + i] = d

    def _setup_diffusion_matrix(self, tree) -> None:
        """Add this block's diffusion couplings (1/ms) to the tree matrix."""
        n = self._nseg
        vol = node._volumes
        diffs = node._diffs
        io = numpy.arange(self._offset, self._offset + n)
        dx = self._sec.L / n
        d = diffs[io]
        d_l = d.copy()
        d_r = d.copy()
        if n > 1:
            d_l[1:] = (d[1:] + d[:-1]) / 2.0
            d_r[:-1] = (d[:-1] + d[1:]) / 2.0
        v = vol[io]
        na = self._neighbor_areas
        rate_l = d_l * na[:n] / (v * dx)
        rate_r = d_r * na[1:n + 1] / (v * dx)
        rate_l[0] *= 2.0
        rate_r[-1] *= 2.0
        psec, pidx = self._parent
        il = psec._offset + pidx
        tree.add_diag(io, rate_l + rate_r)
        # couplings to the previous node (the parent for the first one) ...
        tree.add_child(io[1:], io[:-1], -rate_l[1:], -rate_r[:-1])
        scale = v[0] / vol[il] if vol[il] else v[0]
        tree.add_child(io[:1], numpy.array([il]), -rate_l[:1], -rate_l[:1] * scale)
        tree.add_diag(numpy.array([il]), rate_l[:1] * scale)
        # ... and of the last segment to the end node (mass conserved there)
        ir = self._offset + n
        scale = v[-1] / vol[ir] if vol[ir] else v[-1]
        tree.add_child(numpy.array([ir]), io[-1:], -rate_r[-1:] * scale, -rate_r[-1:])
        tree.add_diag(numpy.array([ir]), rate_r[-1:] * scale)

    def _assign_parents(self, root_id: int, missing: dict, root_children: list) -> int:
        parent_seg = _parent(self._sec)
        parent_sec = parent_seg.sec if parent_seg is not None else None
        sp = self._species()
        if parent_sec is None or not sp._has_region_section(self._region, parent_sec):
            key = (self._region, parent_sec)
            if parent_sec is None or key not in missing:
                missing[key] = root_id
                root_id += 1
                root_children.append([])
            local_root = missing[key]
            self._parent = (sp._root_block, local_root)
            root_children[local_root].append(self)
        else:
            parent_block = sp._region_section(self._region, parent_sec)
            self._parent = (parent_block, int(parent_sec.nseg * parent_seg.x))
        return root_id

    def _register_cptrs(self) -> None:
        """Pointers to the engine's concentration of this species in the block's segments."""
        if self.nrn_region is None or self.species.name is None:
            return
        name = "_ref_%s%s" % (self.species.name, self.nrn_region)
        for i, seg in enumerate(self._sec):
            _all_cptrs.append(getattr(seg, name))
            _all_cindices.append(self._offset + i)

    def _setup_currents(self, indices: list, scales: list, ptrs: list, cur_map: dict) -> None:
        """Ion currents of the segments become concentration changes of the block:
        dC/dt = sign * i * area * 1e4 / (charge * F * volume), sign -1 inside, +1 outside."""
        sp = self.species
        if self.nrn_region is None or sp.name is None or sp.charge == 0:
            return
        from .constants import FARADAY
        idx = self.indices
        sign = -1.0 if self.nrn_region == "i" else 1.0
        indices.extend(idx)
        scales.append(sign * node._surface_area[idx] * 10000.0
                      / (sp.charge * FARADAY * node._volumes[idx]))
        key = sp.name + self.nrn_region
        for seg in self._sec:
            cur_map.setdefault(key, {})[seg] = len(ptrs)
            ptrs.append(getattr(seg, "_ref_i" + sp.name))

    def _transfer_to_legacy(self) -> None:
        if self.nrn_region is None or self.species.name is None:
            return
        name = self.species.name + self.nrn_region
        for i, seg in enumerate(self._sec):
            setattr(seg, name, float(node._states[self._offset + i]))

    def _import_concentration(self, init: bool = True) -> None:
        """Read concentrations from the engine; else zero (at initialization)."""
        if self.nrn_region is not None and self.species.name is not None:
            name = self.species.name + self.nrn_region
            for i, seg in enumerate(self._sec):
                node._states[self._offset + i] = getattr(seg, name)
        elif init:
            node._states[self._offset:self._offset + self._nseg] = 0.0


class _RootBlock:
    """Where a species' zero-volume root nodes live (its first indices)."""

    __slots__ = ("_offset",)

    def __init__(self, offset: int):
        self._offset = offset
