"""Reaction groups: which reactions are solved together where, and their C rate functions.

As NEURON: every set of regions that occurs together on some section forms a group whose
locations are the segments of the sections shared by all its regions.  Each reaction goes to
every group containing one of the regions it acts in; a group's reactions are solved together
at each location (one implicit step, see csrc/rxd_react.c).  The group's unknowns are
(species, region) slots: y[species * nregions + region]; parameters p[...] likewise;
extracellular values ye[...] / pe[...] are the voxels containing the location.
"""
from __future__ import annotations

import warnings
from typing import Dict, List, Optional

import numpy

from . import constants, node, rxdmath
from .rxdException import RxDException


class _Emit:
    """Resolves species references of a rate expression inside one group and region."""

    def __init__(self, group: "Group", region):
        self.g, self.region = group, region

    def voltage(self) -> str:
        self.g.voltage_dependent = True
        return "v"

    def species(self, item) -> str:
        from . import species
        g = self.g
        if isinstance(item, species.SpeciesOnExtracellular):
            inst = item._extracellular()
            if isinstance(item, species.ParameterOnExtracellular):
                return "pe[%d]" % g.ecs_param_index(inst)
            return "ye[%d]" % g.ecs_index(inst)
        if isinstance(item, species.SpeciesOnRegion):
            sp, r = item._species(), item._region()
        elif isinstance(item, species.Species):
            sp = item
            if self.region in sp._regions:
                r = self.region
            elif isinstance(item, species.Parameter) and len(sp._regions) == 1:
                r = sp._regions[0]
            elif not sp._regions and sp._extracellular_regions:
                inst = sp._extracellular_instances[sp._extracellular_regions[0]]
                if isinstance(sp, species.Parameter):
                    return "pe[%d]" % g.ecs_param_index(inst)
                return "ye[%d]" % g.ecs_index(inst)
            else:
                raise RxDException("Species %r is not defined on region %r." % (sp, self.region))
        else:
            raise RxDException("%r cannot be used in a rate expression" % (item,))
        if r not in g.regions:
            raise RxDException("%r is read by a reaction where region %r is absent" % (item, r))
        if isinstance(sp, species.Parameter):
            return "p[%d]" % g.param_slot(sp, r)
        return "y[%d]" % g.slot(sp, r)


class Group:
    """NEURON's c_region: a set of regions, their shared sections and their reactions."""

    def __init__(self, regions: list):
        self.regions = list(regions)
        overlap = list(self.regions[0]._secs1d)
        for r in self.regions:
            ids = {id(s) for s in overlap}
            overlap = [s for s in r._secs1d if id(s) in ids]
        self.overlap = overlap
        self.reactions: Dict[int, list] = {}   # id(reaction) -> regions
        self.reaction_objs: Dict[int, object] = {}
        self.species: list = []
        self.params: list = []
        self.ecs_species: list = []
        self.ecs_params: list = []
        self.voltage_dependent = False

    # ------------------------------------------------------------- filling

    def add_reaction(self, react, r) -> None:
        from . import multiCompartmentReaction, species
        if isinstance(react, multiCompartmentReaction.MultiCompartmentReaction):
            for ref in react._sources + react._dests:
                sp = ref()
                if isinstance(sp, species.SpeciesOnRegion) and sp._region() not in self.regions:
                    return
        regs = self.reactions.setdefault(id(react), [])
        self.reaction_objs[id(react)] = react
        if r not in regs:
            regs.append(r)
        if react._voltage_dependent:
            self.voltage_dependent = True

    def add_species(self, items) -> None:
        from . import species
        for s in items:
            if isinstance(s, species.SpeciesOnExtracellular):
                inst = s._extracellular()
                target = self.ecs_params if isinstance(s, species.ParameterOnExtracellular) else self.ecs_species
                if inst not in target:
                    target.append(inst)
                continue
            sp = s._species() if isinstance(s, species.SpeciesOnRegion) else s
            target = self.params if isinstance(sp, species.Parameter) else self.species
            if sp not in target:
                target.append(sp)

    def finalize(self) -> None:
        self.species.sort(key=lambda s: s._id)
        self.params.sort(key=lambda s: s._id)
        self.regions.sort(key=lambda r: r._id)
        self.ecs_species.sort(key=lambda e: e._grid_id)
        self.ecs_params.sort(key=lambda e: e._grid_id)
        self.locations = [(sec, j) for sec in self.overlap for j in range(sec.nseg)]

    # ------------------------------------------------------------- indexing

    def slot(self, sp, r) -> int:
        if sp not in self.species:
            self.species.append(sp)
            raise _Retry()
        return self.species.index(sp) * len(self.regions) + self.regions.index(r)

    def param_slot(self, sp, r) -> int:
        if sp not in self.params:
            self.params.append(sp)
            raise _Retry()
        return self.params.index(sp) * len(self.regions) + self.regions.index(r)

    def ecs_index(self, inst) -> int:
        if inst not in self.ecs_species:
            self.ecs_species.append(inst)
            raise _Retry()
        return self.ecs_species.index(inst)

    def ecs_param_index(self, inst) -> int:
        if inst not in self.ecs_params:
            self.ecs_params.append(inst)
            raise _Retry()
        return self.ecs_params.index(inst)


class _Retry(Exception):
    """A species was added to a group while emitting; emit again with the final layout."""


def _block_lookup(live_species) -> dict:
    """(id(species), id(region), id(section)) -> Section1D."""
    out = {}
    for sp in live_species:
        for s in sp._secs:
            out[(id(sp), id(s._region), id(s._sec))] = s
    return out


def build_groups(live_species: list, reactions: list) -> List[Group]:
    """The groups of the model, each with its reactions, in NEURON's order."""
    from . import multiCompartmentReaction, rate, species
    # sets of regions that occur together on a section, in order of first appearance
    regions_at: Dict[int, list] = {}
    sec_order: list = []
    for sp in live_species:
        for s in sp._secs:
            key = id(s._sec)
            if key not in regions_at:
                regions_at[key] = []
                sec_order.append(key)
            if s._region not in regions_at[key]:
                regions_at[key].append(s._region)
    matched: list = []
    for key in sec_order:
        ids = {id(r) for r in regions_at[key]}
        if not any({id(r) for r in m} == ids for m in matched):
            matched.append(list(regions_at[key]))
    groups = [Group(m) for m in matched]

    regions_inv: Dict[int, list] = {}
    species_by_region: Dict[int, list] = {}
    region_of: Dict[int, object] = {}
    for react in reactions:
        if isinstance(react, rate.Rate):
            sp = react._species()
            if sp is None:
                continue
            sptrs = [sp]
        else:
            sptrs = [ref() for ref in react._sources + react._dests]
        sptrs = sptrs + react._involved()
        involved = [s for s in sptrs if not isinstance(s, species.SpeciesOnExtracellular)]
        ecs_involved = [s for s in sptrs if isinstance(s, species.SpeciesOnExtracellular)]
        for r in react._active_regions_1d():
            if not r._secs1d:
                continue
            region_of[id(r)] = r
            regions_inv.setdefault(id(r), []).append(react)
            lst = species_by_region.setdefault(id(r), [])
            for s in involved + (ecs_involved if isinstance(react, multiCompartmentReaction.MultiCompartmentReaction) else []):
                if s not in lst:
                    lst.append(s)
    for rid in sorted(regions_inv, key=lambda k: region_of[k]._id):
        r = region_of[rid]
        for g in groups:
            if r in g.regions:
                for react in regions_inv[rid]:
                    g.add_reaction(react, r)
                g.add_species(species_by_region[rid])
    out = []
    for g in groups:
        if g.reactions and g.overlap:
            g.finalize()
            out.append(g)
    return out


def _fmt(x: float) -> str:
    return repr(float(x))


def emit_group(g: Group, reactions: list) -> str:
    """C body of the group's rate function."""
    while True:
        try:
            return _emit_group(g, reactions)
        except _Retry:
            g.finalize()


def _emit_group(g: Group, reactions: list) -> str:
    from . import multiCompartmentReaction, rate, species
    lines = ["    double rate;", "    (void) rate;"]
    g.mcr_mults = []   # (reaction, participant index) per mult column
    g.flux_slots = {}  # slot -> True when a membrane-flux reaction writes its flux
    for react in reactions:
        regs = g.reactions.get(id(react))
        if regs is None:
            continue
        if isinstance(react, rate.Rate):
            sp = react._species()
            if isinstance(sp, species.Parameter) or isinstance(sp, species.ParameterOnRegion):
                warnings.warn("Parameters values are fixed, %r will not change the value of %r" % (react, sp))
                continue
            base = sp._species() if isinstance(sp, species.SpeciesOnRegion) else sp
            for r in regs:
                if not react._compiles_in(r):
                    continue
                if isinstance(sp, species.SpeciesOnRegion) and sp._region() is not r:
                    continue
                expr = react._rate_arith._emit(_Emit(g, r))
                lines.append("    dydt[%d] += %s;" % (g.slot(base, r), expr))
        elif isinstance(react, multiCompartmentReaction.MultiCompartmentReaction):
            expr = react._rate_arith._emit(_Emit(g, react._regions[0]))
            lines.append("    rate = %s;" % expr)
            charges = _flux_charges(react)
            for i, ref in enumerate(react._sources + react._dests):
                sp = ref()
                col = len(g.mcr_mults)
                g.mcr_mults.append((react, i))
                if isinstance(sp, species.SpeciesOnExtracellular):
                    if not isinstance(sp, species.ParameterOnExtracellular):
                        lines.append("    dyedt[%d] += mult[%d] * rate;" % (g.ecs_index(sp._extracellular()), col))
                    continue
                if isinstance(sp, species.ParameterOnRegion):
                    continue
                s = g.slot(sp._species(), sp._region())
                lines.append("    dydt[%d] += mult[%d] * rate;" % (s, col))
                if react._membrane_flux:
                    g.flux_slots[s] = True
                    lines.append("    if (flux) flux[%d] += %s * rate;" % (s, _fmt(charges[i])))
        else:
            for r in regs:
                if not react._compiles_in(r):
                    continue
                expr = react._rate_arith._emit(_Emit(g, r))
                lines.append("    rate = %s;" % expr)
                summed: Dict[int, int] = {}
                for sp, m in react._contributions():
                    base = sp._species() if isinstance(sp, species.SpeciesOnRegion) else sp
                    if isinstance(base, species.Parameter) or r not in base._regions:
                        continue
                    k = g.slot(base, r)
                    summed[k] = summed.get(k, 0) + m
                for k in sorted(summed):
                    lines.append("    dydt[%d] += (%d) * rate;" % (k, summed[k]))
    return "\n".join(lines) + "\n"


def _flux_charges(react) -> list:
    """Charge carried outward per unit rate by each participant (0 for unnamed species):
    sources inside (+z), sources outside (-z), destinations the opposite."""
    from . import species
    smap = {"i": 1, None: 0, "o": -1}
    out = []
    n_src = len(react._sources)
    for i, ref in enumerate(react._sources + react._dests):
        sp = ref()
        base = sp._species()
        if base.name is None:
            out.append(0.0)
            continue
        side = "o" if isinstance(sp, species.SpeciesOnExtracellular) else sp._region().nrn_region
        sign = 1 if i < n_src else -1
        out.append(float(sign * smap[side] * base.charge))
    return out


def group_arrays(g: Group, lookup: dict, grids: list) -> dict:
    """Index and multiplier arrays of a group for the C solver."""
    from . import species
    nloc = len(g.locations)
    nreg = len(g.regions)
    nslot = len(g.species) * nreg
    nparam = len(g.params) * nreg
    slot = numpy.full((nloc, max(nslot, 1)), -1, dtype=numpy.int32)
    param = numpy.full((nloc, max(nparam, 1)), -1, dtype=numpy.int32)
    for l, (sec, j) in enumerate(g.locations):
        for si, sp in enumerate(g.species):
            for ri, r in enumerate(g.regions):
                b = lookup.get((id(sp), id(r), id(sec)))
                if b is not None:
                    slot[l, si * nreg + ri] = b._offset + j
        for pi, sp in enumerate(g.params):
            for ri, r in enumerate(g.regions):
                b = lookup.get((id(sp), id(r), id(sec)))
                if b is not None:
                    param[l, pi * nreg + ri] = b._offset + j
    ecs_all = list(g.ecs_species) + list(g.ecs_params)
    necs = len(ecs_all)
    ecs_grid = numpy.array([inst._slot for inst in ecs_all] or [0], dtype=numpy.int32)
    ecs_voxel = numpy.full((nloc, max(necs, 1)), -1, dtype=numpy.int32)
    if necs:
        from .species import _xyz
        for l, (sec, j) in enumerate(g.locations):
            xyz = _xyz(sec((j + 0.5) / sec.nseg))
            for e, inst in enumerate(ecs_all):
                idx = inst.index_from_xyz(*xyz)
                ecs_voxel[l, e] = -1 if idx is None else idx
    mult = _mcr_mults(g, lookup, ecs_voxel)
    return {"nslot": nslot, "nparam": nparam, "necs": len(g.ecs_species),
            "necsparam": len(g.ecs_params), "slot": slot, "param": param, "ecs_grid": ecs_grid,
            "ecs_voxel": ecs_voxel, "mult": mult}


def _mcr_mults(g: Group, lookup: dict, ecs_voxel) -> numpy.ndarray:
    """Per location and participant: +-(membrane area) / (participant's volume) / (molecules
    per mM um3), the conversion of a rate in molecules/um2/ms to mM/ms."""
    from . import species
    nloc = len(g.locations)
    cols = getattr(g, "mcr_mults", [])
    mult = numpy.zeros((nloc, max(len(cols), 1)))
    mpmu = constants.molecules_per_mM_um3()
    area_cache: Dict[tuple, numpy.ndarray] = {}
    ecs_all = list(g.ecs_species) + list(g.ecs_params)
    for c, (react, i) in enumerate(cols):
        mem = react._regions[0]
        sign = -1.0 if i < len(react._sources) else 1.0
        sp = (react._sources + react._dests)[i]()
        active = {id(s) for s in react._active_secs()}
        for l, (sec, j) in enumerate(g.locations):
            if id(sec) not in active:
                continue
            key = (id(mem), id(sec))
            if key not in area_cache:
                area_cache[key] = numpy.asarray(mem._geometry.volumes1d(sec), dtype=float)
            area = area_cache[key][j] if react._scale_by_area else 1.0
            if isinstance(sp, species.SpeciesOnExtracellular):
                inst = sp._extracellular()
                e = ecs_all.index(inst)
                vox = ecs_voxel[l, e]
                if vox < 0:
                    continue
                r = inst._region
                alpha = r._alpha if numpy.isscalar(r._alpha) else float(r._alpha.flat[vox])
                vol = float(numpy.prod(r._dx)) * alpha
            else:
                b = lookup.get((id(sp._species()), id(sp._region()), id(sec)))
                if b is None:
                    continue
                vol = node._volumes[b._offset + j]
            mult[l, c] = sign * area / vol / mpmu
    return mult
