"""The voxels of one species in one region of sections solved in 3-D.

States are one value per voxel of the region (in the region's sorted voxel order).  Diffusion
runs along lines of neighbouring voxels in x, y and z; ion currents of a segment enter its
surface voxels, and a segment's ion concentration is read from them.
"""
from __future__ import annotations

import inspect
import weakref
from typing import List, Optional, Tuple

import numpy

from . import constants, options
from .rxdException import RxDException

_ANISO_MSG = ("Intracellular diffusion coefficient may be a scalar or a tuple of length 3 for "
              "anisotropic diffusion, it can also be a function for inhomogeneous diffusion (or "
              "tuple of 3 functions) with arguments x, y, z location or node with optional "
              "argument for direction")


def _arity(fun) -> int:
    sig = inspect.signature(fun)
    for p in sig.parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            raise RxDException("Intracellular diffusion coefficient function may not include "
                               "*args or *kwargs")
    return len(sig.parameters)


def _lines(points_index: dict, points: list, axis: int) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """(first voxel, length) of each line of neighbours along axis, and the voxels in order."""
    starts, order = [], []
    for idx, p in enumerate(points):
        prev = list(p)
        prev[axis] -= 1
        if tuple(prev) in points_index:
            continue
        line = [idx]
        q = list(p)
        while True:
            q[axis] += 1
            nxt = points_index.get(tuple(q))
            if nxt is None:
                break
            line.append(nxt)
        starts.append((idx, len(line)))
        order.extend(line)
    return (numpy.array(starts, dtype=numpy.int32).reshape(-1, 2),
            numpy.array(order, dtype=numpy.int32))


def _paired(by_seg: dict) -> list:
    """(segment index, voxels) pairs as NEURON forms them for ion currents and for reading
    and writing concentrations at initialization: the voxel lists in the table's order are
    matched with the segments in ascending order (they differ where a later segment's first
    voxel sorts before an earlier segment's)."""
    return list(zip(sorted(by_seg), by_seg.values()))


class _IntracellularSpecies:
    """A species' states on the 3-D voxels of one region."""

    def __init__(self, region, d=0, name=None, charge=0, initial=None, nodes=None,
                 is_diffusable=True, atolscale=1.0, species=None):
        self._region = region
        self._name = name
        self._species = name
        self._charge = charge
        self._initial = initial
        self._atolscale = atolscale
        self._is_diffusable = is_diffusable
        self._species_ref = None if species is None else weakref.ref(species)
        self._dx = region.dx
        self._voxel_key = region._voxel_key
        self._nodes_length = len(region._points)
        self._nodes = nodes if nodes is not None else []
        self._states = numpy.zeros(self._nodes_length)
        self.states = self._states
        self._grid_id = -1
        self._set_d(d)
        self._lines = [_lines(region._point_index, region._points, axis) for axis in range(3)]
        self._alphas = numpy.array([vol / self._dx ** 3 for vol in region._vol], dtype=float)

    def _matches(self, r) -> bool:
        return self._voxel_key is r._voxel_key and self._dx == r.dx

    def __repr__(self):
        return "_IntracellularSpecies(%r, %r)" % (self._name, self._region)

    # ------------------------------------------------------------ diffusion

    def _parse_diffusion(self, d) -> Tuple[Optional[numpy.ndarray], Optional[numpy.ndarray]]:
        n = self._nodes_length
        if callable(d) or (hasattr(d, "__len__") and len(d) and callable(d[0])):
            grid = numpy.zeros((3, n))
            if hasattr(d, "__len__"):
                if len(d) != 3:
                    raise RxDException(_ANISO_MSG)
                for k in range(3):
                    ar = _arity(d[k])
                    if ar == 3:
                        grid[k, :] = [d[k](nd.x3d, nd.y3d, nd.z3d) for nd in self._nodes]
                    elif ar == 1:
                        grid[k, :] = [d[k](nd) for nd in self._nodes]
                    else:
                        raise RxDException(_ANISO_MSG)
            else:
                ar = _arity(d)
                if ar == 4:
                    for k in range(3):
                        grid[k, :] = [d(nd.x3d, nd.y3d, nd.z3d, k) for nd in self._nodes]
                elif ar == 3:
                    grid[:, :] = [d(nd.x3d, nd.y3d, nd.z3d) for nd in self._nodes]
                elif ar == 2:
                    for k in range(3):
                        grid[k, :] = [d(nd, k) for nd in self._nodes]
                elif ar == 1:
                    grid[:, :] = [d(nd) for nd in self._nodes]
                else:
                    raise RxDException(_ANISO_MSG)
            if numpy.any(grid < 0):
                raise RxDException("%r: diffusion coefficients must be non-negative" % (self,))
            return None, grid
        if hasattr(d, "__len__"):
            if len(d) == 3:
                return numpy.array(d, dtype=float), None
            if len(d) == 1:
                return numpy.array(d[0] * numpy.ones(3), dtype=float), None
            raise RxDException(_ANISO_MSG)
        return numpy.array(d * numpy.ones(3), dtype=float), None

    def _set_d(self, d) -> None:
        dc, grid = self._parse_diffusion(d)
        self._d = dc
        self._dgrid = grid

    @property
    def d(self):
        return self._dgrid if self._dgrid is not None else self._d

    @d.setter
    def d(self, value):
        self._set_d(value)
        self._push_d()

    def node_d(self, index: int):
        if self._dgrid is not None:
            return self._dgrid[:, index]
        return self._d

    def set_node_d(self, index: int, value) -> None:
        if self._dgrid is None:
            self._dgrid = numpy.empty((3, self._nodes_length))
            self._dgrid[:] = self._d.reshape(3, -1)
            self._push_d()
        self._dgrid[:, index] = value

    def _push_d(self) -> None:
        """Hand the coefficients to the wired C grid (the C side reads _dgrid in place)."""
        from . import _link, _wiring
        handle = getattr(self, "_c", None)
        if handle is not None and handle[1] == _link.generation():
            _wiring.set_ics_diffusion(handle[0], self)

    # ------------------------------------------------ coupling to the engine

    def _seg_nodes(self) -> dict:
        """segment index -> voxels whose mean is the segment's concentration."""
        if options.concentration_nodes_3d == "surface":
            return self._region._surface_nodes_by_seg
        if options.concentration_nodes_3d == "all":
            return self._region._nodes_by_seg
        raise RxDException("options.concentration_nodes_3d must be 'surface' or 'all'")

    def _segment(self, idx: int):
        sec, iseg = self._region._segs3d_list[idx]
        return sec((iseg + 0.5) / sec.nseg)

    def concentration_table(self) -> List[tuple]:
        """[(segment's concentration ref, voxels)] for the engine's ion variables."""
        r = self._region
        if not self._nodes or not self._name or not r._nrn_region:
            return []
        attr = "_ref_" + self._name + r._nrn_region
        return [(getattr(self._segment(idx), attr), nodes)
                for idx, nodes in self._seg_nodes().items()]

    def current_table(self) -> Tuple[List[tuple], Optional[numpy.ndarray]]:
        """([(segment's ion current ref, voxels)], mM/ms per mA/cm2 of each voxel)."""
        r = self._region
        if not self._nodes or not self._name or not r._nrn_region or self._charge == 0:
            return [], None
        sign = {"i": -1, "o": 1}[r._nrn_region]
        k = 10000.0 / (self._charge * constants.FARADAY)
        attr = "_ref_" + r._nrn_region + self._name
        table = [(getattr(self._segment(idx), attr), nodes)
                 for idx, nodes in _paired(self._seg_nodes())]
        try:
            geom_area = [sum(r._geometry.surface_areas1d(sec)) for sec in r._secs3d]
        except TypeError:
            return [], None  # geometry without membrane: no currents
        node_area = [float(a) for a in r._sa]
        node_vol = [float(v) for v in r._vol]
        # one factor per (voxel, section) pair, read by voxel index as NEURON does
        scale = numpy.asarray(geom_area) / sum(node_area)
        factors = numpy.asarray([sign * a * scale * k / v for a, v in zip(node_area, node_vol)],
                                dtype=float).ravel()
        return table, factors

    # ------------------------------------------------------- initialization

    def _finitialize(self) -> None:
        if self._initial is None:
            if self._region._nrn_region:
                self._import_concentration()
            else:
                self._states[:] = 0.0

    def _import_concentration(self) -> None:
        r = self._region
        if not self._nodes or self._name is None or r._nrn_region is None:
            return
        attr = self._name + r._nrn_region
        for idx, nodes in _paired(r._nodes_by_seg):
            self._states[nodes] = getattr(self._segment(idx), attr)

    def _transfer_to_legacy(self) -> None:
        """Segment concentrations = volume-weighted means of all their voxels (at init)."""
        r = self._region
        if not self._nodes or self._name is None or r._nrn_region is None:
            return
        if r._nrn_region != "i":
            raise RxDException('only "i" nrn_region supported for 3D simulations')
        attr = self._name + r._nrn_region
        for idx, nodes in _paired(r._nodes_by_seg):
            if nodes:
                num = sum(self._states[n] * r._vol[n] for n in nodes)
                den = sum(r._vol[n] for n in nodes)
                setattr(self._segment(idx), attr, float(num / den))
