"""Building the model for the C solver: node layout, volumes, the diffusion tree, ion
currents and concentrations, reaction groups, extracellular grids, node fluxes."""
from __future__ import annotations

from typing import Dict, List

import numpy

from neuron_core.model import model as _nrn_model

from . import _codegen, _ecs_reactions, _jit, _link, constants, dimension3, node, region, section1d
from ._solver import ffi, lib
from .rxdException import RxDException


class _Tree:
    """The diffusion matrix G (1/ms) of the 1-D nodes as a tree (parents before children)."""

    def __init__(self, n: int):
        self.parent = numpy.full(max(n, 1), -1, dtype=numpy.int32)
        self.ga = numpy.zeros(max(n, 1))   # G[parent][i]
        self.gb = numpy.zeros(max(n, 1))   # G[i][parent]
        self.gd = numpy.zeros(max(n, 1))   # G[i][i]

    def add_diag(self, idx, vals) -> None:
        numpy.add.at(self.gd, idx, vals)

    def add_child(self, child, parent, g_child_parent, g_parent_child) -> None:
        if numpy.any(parent >= child):
            raise RxDException("internal: rxd node %d has parent %d after it" % (child[0], parent[0]))
        self.parent[child] = parent
        numpy.add.at(self.gb, child, g_child_parent)
        numpy.add.at(self.ga, child, g_parent_child)


# ------------------------------------------------------------------ layout

def _snapshot(live: list) -> dict:
    out = {}
    states = node._states
    for sp in live:
        for b in sp._secs:
            if b._offset + b._nseg <= len(states):
                out[(id(sp), id(b._region), id(b._sec))] = (b._nseg, states[b._offset:b._offset + b._nseg].copy())
    return out


def _allocate(n: int) -> bool:
    """Size the node arrays; returns True when a states array the engine may point into
    was replaced."""
    new = len(node._states) != n
    replaced = new and len(node._states) > 0
    if new:
        node._states = numpy.zeros(n)
    node._volumes = numpy.zeros(n)
    node._surface_area = numpy.zeros(n)
    node._diffs = numpy.zeros(n)
    return replaced


def _restore(live: list, old: dict) -> None:
    states = node._states
    states[:] = 0.0
    for sp in live:
        for b in sp._secs:
            saved = old.get((id(sp), id(b._region), id(b._sec)))
            if saved is None:
                continue
            nseg_old, vals = saved
            if nseg_old == b._nseg:
                states[b._offset:b._offset + b._nseg] = vals
            else:
                src = ((numpy.arange(b._nseg) + 0.5) / b._nseg * nseg_old).astype(int)
                states[b._offset:b._offset + b._nseg] = vals[src]


def build(live: list, reactions: list, instantiated: set) -> None:
    """Lay out every species, then hand the whole model to the C solver."""
    from . import species
    for ref in list(region._all_regions):
        r = ref()
        if r is not None:
            r._do_init()
    for sp in live:
        sp._ion_register()
    old = _snapshot(live)
    n = 0
    for sp in live:
        n = sp._instantiate_1d(n)
    replaced = _allocate(n)
    for sp in live:
        for b in sp._secs:
            b._update_node_data()
    _restore(live, old)
    gid = 0
    grids, ics = [], []
    for sp in live:
        gid = sp._instantiate_3d(gid)
        ics.extend(sp._intracellular_instances[r] for r in sp._regions
                   if r in sp._intracellular_instances)
        gid = sp._instantiate_extracellular(gid)
        grids.extend(sp._extracellular_instances[r] for r in sp._extracellular_regions)
    dimension3.check_multigridding(live)
    for k, inst in enumerate(grids):
        inst._slot = k
        inst._ion_register()
    for k, inst in enumerate(ics):
        inst._slot = k
    species._defined_species_by_gid[:] = sorted(grids + ics, key=lambda x: x._grid_id)
    _nrn_model.ensure_built()
    _link.clear()
    _wire(live, reactions, grids, ics)
    for sp in live:
        if id(sp) not in instantiated:
            sp._finitialize()
    transfer()
    if replaced:
        _nrn_model.structure_dirty = True  # recordings must see the new states array


def transfer() -> None:
    """Copy rxd concentrations to the engine's ion variables (cai, cao, ...)."""
    m = _link.model_ref()
    lib.rxd_transfer(m)
    for k in range(m.ngrid):
        lib.rxd_grid_transfer(ffi.addressof(m.grids[k]))


# ------------------------------------------------------------------ wiring

def _wire(live: list, reactions: list, grids: list, ics: list) -> None:
    m = _link.model_ref()
    n = len(node._states)
    m.n = n
    m.states = ffi.cast("double*", node._states.ctypes.data)
    _wire_tree(m, live, n)
    cur_map = _wire_currents(m, live)
    _wire_concentrations(m, live)
    _wire_grids(m, grids)
    _wire_ics(m, ics)
    _wire_reactions(m, live, reactions, grids, ics, cur_map)
    _wire_fluxes(m, grids, ics)
    m.nthread = 1
    largest = max([inst._nodes_length for inst in ics] +
                  [inst._nx * inst._ny * inst._nz for inst in grids] + [1])
    m.cv_full = _link.darr(numpy.zeros(2 * max(n, 1) + largest))
    zvi = numpy.nonzero(node._volumes == 0)[0]
    m.cv_atol = _link.darr(_atol_scale(live, n, zvi)) if n > len(zvi) else ffi.NULL
    ordered = sorted(grids + ics, key=lambda inst: inst._grid_id)
    m.cv_order = _link.iarr([inst._slot if inst in grids else -1 - inst._slot for inst in ordered]
                            or [0])
    m.cv_gatol = _link.darr([float(inst._atolscale) for inst in ordered] or [1.0])
    m.cv_dt = ffi.cast("double*", _link.engine_dt_address())
    _link.register()


def _atol_scale(live: list, n: int, zvi: numpy.ndarray) -> numpy.ndarray:
    """Absolute tolerance scale of the variable-step states (1-D nodes without the junctions):
    each species' atolscale on its nodes, except the last species, which NEURON skips."""
    scale = numpy.ones(n - len(zvi))
    for sp in live[:-1]:
        j = 0
        for i in sp._indices1d():
            while j < len(zvi) and zvi[j] <= i:
                j += 1
            scale[i - j] *= sp._atolscale
    return scale


def _wire_tree(m, live: list, n: int) -> None:
    tree = _Tree(n)
    cdiag = numpy.zeros(max(n, 1))
    for sp in live:
        for b in sp._secs:
            b._setup_diffusion_matrix(tree)
            cdiag[b._offset:b._offset + b._nseg] = 1.0
    cdiag[tree.gd <= 0] = 1.0
    m.diffusion = int(bool(numpy.any(tree.ga) or numpy.any(tree.gb) or numpy.any(tree.gd)))
    m.parent = _link.iarr(tree.parent)
    m.ga = _link.darr(tree.ga)
    m.gb = _link.darr(tree.gb)
    m.gd = _link.darr(tree.gd)
    m.cdiag = _link.darr(cdiag)
    has_parent = (tree.parent[:n] >= 0) & ((tree.ga[:n] != 0.0) | (tree.gb[:n] != 0.0))
    tree.parent[:n][~has_parent] = -1
    edges = numpy.nonzero(has_parent)[0]
    touched = has_parent.copy()
    touched[tree.parent[edges]] = True
    touched |= (cdiag[:n] != 1.0) | (tree.gd[:n] != 0.0)
    solve = numpy.nonzero(touched)[0]
    m.nedge, m.edge = len(edges), _link.iarr(edges if len(edges) else [0])
    m.nsolve, m.solve_node = len(solve), _link.iarr(solve if len(solve) else [0])
    m.fact_dt = -1.0
    m.fac = _link.darr(numpy.zeros(max(n, 1)))
    m.dinv = _link.darr(numpy.zeros(max(n, 1)))
    m.dtgb = _link.darr(numpy.zeros(max(n, 1)))
    zvi = numpy.nonzero(node._volumes == 0)[0]
    m.nzvi = len(zvi)
    m.zvi = _link.iarr(zvi if len(zvi) else [0])
    m.work = _link.darr(numpy.zeros(max(n, 1)))


def _wire_currents(m, live: list) -> dict:
    indices, scales, ptrs, cur_map = [], [], [], {}
    for sp in live:
        if sp.name:
            cur_map.setdefault(sp.name + "i", {})
            cur_map.setdefault(sp.name + "o", {})
        for b in sp._secs:
            b._setup_currents(indices, scales, ptrs, cur_map)
    m.ncur = len(indices)
    m.cur_index = _link.iarr(indices or [0])
    m.cur_scale = _link.darr(numpy.concatenate(scales) if scales else [0.0])
    m.cur_ptr = _link.ptr_table(ptrs)
    m.cur_induced = _link.darr(numpy.zeros(max(len(indices), 1)))
    return cur_map


def _wire_concentrations(m, live: list) -> None:
    section1d._purge_cptrs()
    for sp in live:
        for b in sp._secs:
            b._register_cptrs()
    m.nconc = len(section1d._all_cindices)
    m.conc_index = _link.iarr(section1d._all_cindices or [0])
    m.conc_ptr = _link.ptr_table(section1d._all_cptrs)


def _wire_reactions(m, live: list, reactions: list, grids: list, ics: list, cur_map: dict) -> None:
    groups = _codegen.build_groups(live, reactions)
    bodies = [_codegen.emit_group(g, reactions) for g in groups]
    lookup = _codegen._block_lookup(live)
    arrays = [_codegen.group_arrays(g, lookup, grids) for g in groups]
    fast = [(a["nslot"], a["nparam"]) if _fast_ok(a) else None for a in arrays]
    ecs_groups = _ecs_reactions.build(reactions)
    ecs_bodies = [_ecs_reactions.emit(e) for e in ecs_groups]
    ecs_units = [(b, len(e.species), len(e.params)) for b, e in zip(ecs_bodies, ecs_groups)]
    addresses, ecs_addresses = _jit.compile_functions(bodies, fast, ecs_units)
    _wire_ecs_reactions(m, ecs_groups, ecs_addresses)
    arrays_of = arrays
    # NEURON solves the groups last-registered first
    order = list(reversed(range(len(groups))))
    cgroups = ffi.new("rxd_group[]", max(len(groups), 1))
    _link.keep(cgroups)
    maxdim, maxslots = 1, 1
    membrane_flux = False
    for k, gi in enumerate(order):
        g = groups[gi]
        arrays = arrays_of[gi]
        c = cgroups[k]
        rate_addr, fast_addr = addresses[gi]
        c.fn = ffi.cast("rxd_rate_fn", rate_addr)
        c.fast = ffi.cast("rxd_fast_fn", fast_addr) if fast_addr else ffi.NULL
        c.nloc = len(g.locations)
        c.nslot, c.nparam = arrays["nslot"], arrays["nparam"]
        c.necs, c.necsparam = arrays["necs"], arrays["necsparam"]
        c.nmult = len(g.mcr_mults)
        c.slot = _link.iarr(arrays["slot"])
        c.param = _link.iarr(arrays["param"])
        c.ecs_grid = _link.iarr(arrays["ecs_grid"])
        c.ecs_voxel = _link.iarr(arrays["ecs_voxel"])
        c.mult = _link.darr(arrays["mult"])
        c.ecs_delta = _link.darr(numpy.zeros(max(c.nloc * max(c.necs, 1), 1)))
        if g.voltage_dependent:
            c.vptr = _link.ptr_table([sec((j + 0.5) / sec.nseg)._ref_v for sec, j in g.locations])
        else:
            c.vptr = ffi.NULL
        c.nflux = 0
        if g.flux_slots:
            membrane_flux = True
            _wire_membrane_flux(c, g, cur_map, grids)
        maxdim = max(maxdim, c.nslot + c.necs)
        maxslots = max(maxslots, c.nslot + c.nparam + c.necs + c.necsparam + c.nflux + c.nmult)
    m.ngroup = len(groups)
    m.groups = cgroups
    m.maxdim = maxdim
    m.rwork = _link.darr(numpy.zeros(lib.rxd_reaction_work_size(maxdim, maxslots)))
    m.iwork = _link.iarr(numpy.zeros(maxdim))
    m.membrane_flux = int(membrane_flux)


def _wire_ecs_reactions(m, groups: list, addresses: list) -> None:
    cgroups = ffi.new("rxd_ecs_group[]", max(len(groups), 1))
    _link.keep(cgroups)
    for c, g, addr in zip(cgroups, groups, addresses):
        c.fn = ffi.cast("rxd_ecs_fn", addr)
        c.nvox = g.nvox()
        ys = numpy.array([inst._states.ctypes.data for inst in g.species] or [0], dtype=numpy.uintp)
        ps = numpy.array([inst._states.ctypes.data for inst in g.params] or [0], dtype=numpy.uintp)
        c.ys = ffi.cast("double**", _link.keep(ys).ctypes.data)
        c.ps = ffi.cast("double**", _link.keep(ps).ctypes.data)
        if not g.species:
            c.nvox = 0
    m.necsgroup = len(groups)
    m.ecs_groups = cgroups


def _fast_ok(a: dict) -> bool:
    """A group can use the specialized solver when every slot is present everywhere and no
    extracellular value is involved."""
    return a["necs"] + a["necsparam"] == 0 and a["nslot"] > 0 and bool(numpy.all(a["slot"] >= 0))


def _wire_membrane_flux(c, g, cur_map: dict, grids: list) -> None:
    """Flux outputs (one per slot) of membrane-flux reactions: the current each adds to its
    ion (mA/cm2 per unit output) and the concentration changes it must not count twice."""
    from . import species
    from .multiCompartmentReaction import MultiCompartmentReaction
    nloc, nslot = len(g.locations), c.nslot
    nreg = len(g.regions)
    scale = numpy.zeros((nloc, nslot))
    cur = numpy.full((nloc, nslot, 2), -1, dtype=numpy.int32)
    ion_refs: List = [None] * (nloc * nslot)
    ecs_grid = numpy.full((nloc, nslot), -1, dtype=numpy.int32)
    ecs_entry = numpy.full((nloc, nslot), -1, dtype=numpy.int32)
    fnode = numpy.zeros(max(nloc, 1), dtype=numpy.int32)
    induced: Dict[int, list] = {}
    mcrs = [r for r in g.reaction_objs.values()
            if isinstance(r, MultiCompartmentReaction) and r._membrane_flux]
    factor = constants.FARADAY / (10000.0 * constants.molecules_per_mM_um3())
    area_cache: Dict[tuple, numpy.ndarray] = {}
    for l, (sec, j) in enumerate(g.locations):
        seg = sec((j + 0.5) / sec.nseg)
        fnode[l] = seg.node_index()
        for s in g.flux_slots:
            sp, r = g.species[s // nreg], g.regions[s % nreg]
            if not sp.name or sp.charge == 0 or r.nrn_region not in ("i", "o"):
                continue
            if seg not in cur_map.get(sp.name + r.nrn_region, {}):
                continue
            react = next((x for x in mcrs if any(isinstance(p(), species.SpeciesOnRegion)
                                                  and p()._species() is sp and p()._region() is r
                                                  for p in x._sources + x._dests)), mcrs[0])
            if id(sec) not in {id(x) for x in react._active_secs()}:
                continue
            mem = react._regions[0]
            key = (id(mem), id(sec))
            if key not in area_cache:
                area_cache[key] = numpy.asarray(mem._geometry.volumes1d(sec), dtype=float)
            area = area_cache[key][j] if react._scale_by_area else 1.0
            scale[l, s] = area / seg.area() * factor
            cur[l, s, 0] = cur_map[sp.name + "i"].get(seg, -1)
            cur[l, s, 1] = cur_map[sp.name + "o"].get(seg, -1)
            ion_refs[l * nslot + s] = getattr(seg, "_ref_i" + sp.name)
            if cur[l, s, 1] < 0:
                for inst in grids:
                    if inst._name == sp.name and inst._species_ref() in [p()._species() for p in react._sources + react._dests]:
                        vox = inst.index_from_xyz(*species._xyz(seg))
                        if vox is not None:
                            ecs_grid[l, s] = inst._slot
                            entries = induced.setdefault(inst._slot, [])
                            ecs_entry[l, s] = len(entries)
                            entries.append((vox, seg))
                        break
    c.nflux = nslot
    c.flux_node = _link.iarr(fnode)
    c.flux_scale = _link.darr(scale)
    c.flux_cur = _link.iarr(cur)
    c.flux_ion = _link.ptr_table(ion_refs)
    c.flux_ecs_grid = _link.iarr(ecs_grid)
    c.flux_ecs_entry = _link.iarr(ecs_entry)
    _pending_induced.update(induced)


_pending_induced: Dict[int, list] = {}


def _wire_grids(m, grids: list) -> None:
    _pending_induced.clear()
    cgrids = ffi.new("rxd_grid[]", max(len(grids), 1))
    _link.keep(cgrids)
    m.ngrid = len(grids)
    m.grids = cgrids
    for inst in grids:
        _wire_grid(cgrids[inst._slot], inst)


def _wire_ics(m, ics: list) -> None:
    cics = ffi.new("rxd_ics[]", max(len(ics), 1))
    _link.keep(cics)
    m.nics = len(ics)
    m.ics = cics
    for inst in ics:
        _wire_one_ics(cics[inst._slot], inst)


def set_ics_diffusion(g, inst) -> None:
    """Diffusion coefficients of a 3-D grid: three numbers, or per voxel (read in place)."""
    if inst._dgrid is not None:
        inst._dgrid = numpy.ascontiguousarray(inst._dgrid, dtype=float)
        g.dcx = g.dcy = g.dcz = 0.0
        g.dcgrid = ffi.cast("double*", _link.keep(inst._dgrid).ctypes.data)
    else:
        g.dcx, g.dcy, g.dcz = (float(v) for v in inst._d)
        g.dcgrid = ffi.NULL


def _segment_table(entries: list) -> tuple:
    """(refs, start offsets, voxels) of [(ref, voxels)]."""
    start, flat = [0], []
    for _, nodes in entries:
        flat.extend(nodes)
        start.append(len(flat))
    return [ref for ref, _ in entries], start, flat


def _wire_one_ics(g, inst) -> None:
    n = inst._nodes_length
    g.n = n
    g.states = ffi.cast("double*", inst._states.ctypes.data)
    g.alpha = _link.darr(inst._alphas if n else [1.0])
    g.dx = inst._dx
    set_ics_diffusion(g, inst)
    inst._c = (g, _link.generation())
    g.diffusable = int(inst._is_diffusable)
    maxline = 1
    for axis, name in enumerate("xyz"):
        lines, order = inst._lines[axis]
        setattr(g, "nline_" + name, len(lines))
        setattr(g, "line_" + name, _link.iarr(lines.ravel() if len(lines) else [0, 0]))
        setattr(g, "order_" + name, _link.iarr(order if len(order) else [0]))
        setattr(g, "delta_" + name, _link.darr(numpy.zeros(max(n, 1))))
        if len(lines):
            maxline = max(maxline, int(lines[:, 1].max()))
    g.states_cur = _link.darr(numpy.zeros(max(n, 1)))
    g.work = _link.darr(numpy.zeros(5 * maxline + 5))
    cur_entries, factors = inst.current_table()
    refs, start, flat = _segment_table(cur_entries)
    g.ncurseg = len(refs)
    g.cur_ptr = _link.ptr_table(refs)
    g.cur_start = _link.iarr(start)
    g.cur_node = _link.iarr(flat or [0])
    g.cur_scale = _link.darr(factors if factors is not None and len(factors) else [0.0])
    refs, start, flat = _segment_table(inst.concentration_table())
    g.nconcseg = len(refs)
    g.conc_ptr = _link.ptr_table(refs)
    g.conc_start = _link.iarr(start)
    g.conc_node = _link.iarr(flat or [0])
    g.flux.n = 0


def _grid_currents(inst) -> tuple:
    """(voxels, current refs, mM/ms per mA/cm2 before alpha) of the segments in the grid."""
    from . import species
    from .geometry import _surface_areas1d
    sp = inst._species_ref() if inst._species_ref is not None else None
    if not inst._name or inst._charge == 0 or isinstance(sp, species.Parameter):
        return [], [], []
    base = 10000.0 / (inst._charge * constants.FARADAY) / float(numpy.prod(inst._dx))
    vox, refs, scales = [], [], []
    areas: Dict[int, numpy.ndarray] = {}
    for seg, idx in inst._segments:
        sec = seg.sec
        if id(sec) not in areas:
            areas[id(sec)] = _surface_areas1d(sec)
        j = min(int(seg.x * sec.nseg), sec.nseg - 1)
        vox.append(idx)
        refs.append(getattr(seg, "_ref_i" + inst._name))
        scales.append(base * areas[id(sec)][j])
    return vox, refs, scales


def _wire_grid(g, inst) -> None:
    r = inst._region
    nx, ny, nz = inst._nx, inst._ny, inst._nz
    nvox = nx * ny * nz
    g.nx, g.ny, g.nz = nx, ny, nz
    g.dx, g.dy, g.dz = inst._dx
    dc = inst._dc()
    perm = r._permeability
    if numpy.isscalar(perm):
        g.dcx, g.dcy, g.dcz = (d * perm for d in dc)
        g.perm_array = 0
        g.perm = _link.darr([1.0])
    else:
        g.dcx, g.dcy, g.dcz = dc
        g.perm_array = 1
        g.perm = _link.darr(numpy.ravel(perm, order="C"))
    if numpy.isscalar(r._alpha):
        g.alpha_array = 0
        g.alpha = _link.darr([r._alpha])
    else:
        g.alpha_array = 1
        g.alpha = _link.darr(numpy.ravel(r._alpha, order="C"))
    g.diffusable = int(any(d > 0 for d in dc))
    g.states = ffi.cast("double*", inst._states.ctypes.data)
    g.states_x = _link.darr(numpy.zeros(nvox))
    g.states_y = _link.darr(numpy.zeros(nvox))
    g.states_cur = _link.darr(numpy.zeros(nvox))
    g.scratch = _link.darr(numpy.zeros(8 * max(nx, ny, nz) + 8))
    g.bc_dirichlet = 0 if inst._boundary_conditions is None else 1
    g.bc_value = 0.0 if inst._boundary_conditions is None else float(inst._boundary_conditions)
    inst._segments = inst._locate_segments() if inst._name else []
    vox, refs, scales = _grid_currents(inst)
    g.ncur = len(vox)
    g.cur_voxel = _link.iarr(vox or [0])
    g.cur_ptr = _link.ptr_table(refs)
    g.cur_scale = _link.darr(scales or [0.0])
    conc = [(idx, getattr(seg, "_ref_%so" % inst._name)) for seg, idx in inst._segments]
    g.nconc = len(conc)
    g.conc_voxel = _link.iarr([v for v, _ in conc] or [0])
    g.conc_ptr = _link.ptr_table([ref for _, ref in conc])
    g.ninduced = 0
    g.ind_voxel = _link.iarr([0])
    g.ind_scale = _link.darr([0.0])
    g.ind_value = _link.darr([0.0])
    g.flux.n = 0


def _finish_induced(m, grids: list) -> None:
    """Induced-current tables of the grids (entries created while wiring the reactions)."""
    for inst in grids:
        entries = _pending_induced.get(inst._slot, [])
        if not entries:
            continue
        g = m.grids[inst._slot]
        vox, refs, scales = _grid_currents(inst)
        by_seg = {}
        for v, ref, sc, (seg, _) in zip(vox, refs, scales, inst._segments):
            by_seg[seg] = sc
        r = inst._region
        ind_scale = []
        for v, seg in entries:
            alpha = r._alpha if numpy.isscalar(r._alpha) else float(numpy.ravel(r._alpha)[v])
            ind_scale.append(by_seg.get(seg, 0.0) / alpha)
        g.ninduced = len(entries)
        g.ind_voxel = _link.iarr([v for v, _ in entries])
        g.ind_scale = _link.darr(ind_scale)
        g.ind_value = _link.darr(numpy.zeros(len(entries)))


def _flux_table(entries: list, volume_of) -> dict:
    index, scale, refs, value, pycall = [], [], [], [], []
    from neuron_core.refs import Ref
    for idx, src, sc in entries:
        index.append(idx)
        scale.append(sc * volume_of(idx))
        if isinstance(src, Ref):
            refs.append(src)
            value.append(0.0)
            pycall.append(-1)
        elif isinstance(src, float):
            refs.append(None)
            value.append(src)
            pycall.append(-1)
        else:
            ident = len(_link._py_sources)
            _link._py_sources[ident] = src
            refs.append(None)
            value.append(0.0)
            pycall.append(ident)
    return {"index": index, "scale": scale, "refs": refs, "value": value, "pycall": pycall}


def _fill_flux(table, entries: list, volume_of) -> None:
    t = _flux_table(entries, volume_of)
    table.n = len(t["index"])
    table.index = _link.iarr(t["index"] or [0])
    table.scale = _link.darr(t["scale"] or [1.0])
    table.ptr = _link.ptr_table(t["refs"])
    table.value = _link.darr(t["value"] or [0.0])
    table.pycall = _link.iarr(t["pycall"] or [-1])


def _wire_fluxes(m, grids: list, ics: list) -> None:
    _finish_induced(m, grids)
    nf = node._node_fluxes
    one_d, by_grid = [], {}
    for idx, typ, src, sc in zip(nf["index"], nf["type"], nf["source"], nf["scale"]):
        if typ == -1:
            if idx < len(node._states):
                one_d.append((idx, src, sc))
        else:
            by_grid.setdefault(typ, []).append((idx, src, sc))
    _fill_flux(m.flux, one_d, lambda i: node._volumes[i])
    for inst in grids:
        entries = by_grid.get(inst._grid_id, [])
        _fill_flux(m.grids[inst._slot].flux, entries, lambda i, r=inst._region: r.volume(i))
    for inst in ics:
        entries = by_grid.get(inst._grid_id, [])
        _fill_flux(m.ics[inst._slot].flux, entries, lambda i, r=inst._region: r.volume(i))
