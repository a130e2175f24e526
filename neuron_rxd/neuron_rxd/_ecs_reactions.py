"""Reactions inside voxel grids (extracellular regions, and regions of sections solved in
3-D): solved voxel by voxel (NEURON's scheme: one linearised implicit step per voxel with a
forward-difference Jacobian) before the grids' currents and diffusion."""
from __future__ import annotations

from typing import Dict, List

from .rxdException import RxDException


class EcsGroup:
    """The reactions of one voxel region and the grids they read and change."""

    def __init__(self, region, intracellular: bool = False):
        self.region = region
        self.intracellular = intracellular
        self.species: list = []   # grids changed by the reactions
        self.params: list = []    # grids of Parameters (read only)
        self.reactions: list = []

    def instance(self, sp):
        """The grid of species sp in this group's region."""
        if self.intracellular:
            return sp._intracellular_instances[self.region]
        return sp._extracellular_instances[self.region]

    def nvox(self) -> int:
        r = self.region
        return len(r._points) if self.intracellular else r._nx * r._ny * r._nz

    def index(self, inst, param: bool) -> int:
        target = self.params if param else self.species
        if inst not in target:
            target.append(inst)
        return target.index(inst)


class _Emit:
    """Species references of a rate expression inside one voxel region."""

    def __init__(self, g: EcsGroup):
        self.g = g

    def voltage(self) -> str:
        where = "a 3-D intracellular" if self.g.intracellular else "an extracellular"
        raise RxDException("the membrane potential v cannot be read in %s reaction" % where)

    def species(self, item) -> str:
        from . import species
        if self.g.intracellular:
            return self._species_3d(item)
        r = self.g.region
        if isinstance(item, species.SpeciesOnExtracellular):
            if item._ecs_region() is not r:
                raise RxDException("%r is read in a reaction of another extracellular region" % (item,))
            sp = item._species()
        elif isinstance(item, species.Species):
            sp = item
            if r not in sp._extracellular_regions:
                raise RxDException("%r is not defined on the extracellular region of a reaction" % (sp,))
        else:
            raise RxDException("%r cannot be read in an extracellular reaction" % (item,))
        inst = sp._extracellular_instances[r]
        return self._slot(sp, inst)

    def _slot(self, sp, inst) -> str:
        from . import species
        if isinstance(sp, species.Parameter):
            return "pe[%d]" % self.g.index(inst, True)
        return "ye[%d]" % self.g.index(inst, False)

    def _species_3d(self, item) -> str:
        from . import species
        r = self.g.region
        if isinstance(item, species.SpeciesOnRegion):
            if item._region() is not r:
                raise RxDException("%r is read in a reaction of another region" % (item,))
            sp = item._species()
        elif isinstance(item, species.Species):
            sp = item
            if r not in sp._regions:
                raise RxDException("%r is not defined on the region of a reaction" % (sp,))
        else:
            raise RxDException("%r cannot be read in a 3-D intracellular reaction" % (item,))
        return self._slot(sp, self.g.instance(sp))


def _base(sp):
    from . import species
    if isinstance(sp, (species.SpeciesOnExtracellular, species.SpeciesOnRegion)):
        return sp._species()
    return sp


def build(reactions: list) -> List[EcsGroup]:
    """Groups of voxel-region reactions by region, in order of first use: extracellular
    regions, then regions of 3-D sections."""
    from .multiCompartmentReaction import MultiCompartmentReaction
    groups: Dict[int, EcsGroup] = {}
    order: list = []
    for react in reactions:
        for r in react._active_regions_ecs():
            if id(r) not in groups:
                groups[id(r)] = EcsGroup(r)
                order.append(groups[id(r)])
            groups[id(r)].reactions.append(react)
    for react in reactions:
        for r in react._active_regions_1d():
            if not r._secs3d:
                continue
            if isinstance(react, MultiCompartmentReaction):
                raise RxDException("%r: multicompartment reactions on sections solved in 3-D are "
                                   "not supported" % (react,))
            if id(r) not in groups:
                groups[id(r)] = EcsGroup(r, intracellular=True)
                order.append(groups[id(r)])
            groups[id(r)].reactions.append(react)
    return order


def emit(g: EcsGroup) -> str:
    """C body of the group's rate function (unknowns ye[], parameters pe[], rates dyedt[]).
    Unknowns and parameters are numbered in grid order, as NEURON numbers them."""
    _emit(g)
    g.species.sort(key=lambda inst: inst._grid_id)
    g.params.sort(key=lambda inst: inst._grid_id)
    return _emit(g)


def _emit(g: EcsGroup) -> str:
    from . import rate, species
    lines = ["    double rate;", "    (void) rate;"]
    ctx = _Emit(g)
    for react in g.reactions:
        if isinstance(react, rate.Rate):
            base = _base(react._species())
            if isinstance(base, species.Parameter):
                continue
            expr = react._rate_arith._emit(ctx)
            k = g.index(g.instance(base), False)
            lines.append("    dyedt[%d] += %s;" % (k, expr))
            continue
        expr = react._rate_arith._emit(ctx)
        lines.append("    rate = %s;" % expr)
        summed: Dict[int, int] = {}
        for ref, m in [(x, -1) for x in react._sources] + [(x, 1) for x in react._dests]:
            base = _base(ref())
            if isinstance(base, species.Parameter):
                continue
            k = g.index(g.instance(base), False)
            summed[k] = summed.get(k, 0) + m
        for k in sorted(summed):
            lines.append("    dyedt[%d] += (%d) * rate;" % (k, summed[k]))
    return "\n".join(lines) + "\n"
