"""Reactions inside extracellular regions: solved voxel by voxel (NEURON's scheme: one
linearised implicit step per voxel with a forward-difference Jacobian) before the grids'
currents and diffusion."""
from __future__ import annotations

from typing import Dict, List

from .rxdException import RxDException


class EcsGroup:
    """The reactions of one Extracellular region and the grids they read and change."""

    def __init__(self, region):
        self.region = region
        self.species: list = []   # _ExtracellularSpecies changed by the reactions
        self.params: list = []    # _ExtracellularSpecies of Parameters (read only)
        self.reactions: list = []

    def index(self, inst, param: bool) -> int:
        target = self.params if param else self.species
        if inst not in target:
            target.append(inst)
        return target.index(inst)


class _Emit:
    """Species references of a rate expression inside one extracellular region."""

    def __init__(self, g: EcsGroup):
        self.g = g

    def voltage(self) -> str:
        raise RxDException("the membrane potential v cannot be read in an extracellular reaction")

    def species(self, item) -> str:
        from . import species
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
        if isinstance(sp, species.Parameter):
            return "pe[%d]" % self.g.index(inst, True)
        return "ye[%d]" % self.g.index(inst, False)


def build(reactions: list) -> List[EcsGroup]:
    """Groups of extracellular reactions by region, in order of first use."""
    groups: Dict[int, EcsGroup] = {}
    order: list = []
    for react in reactions:
        for r in react._active_regions_ecs():
            if id(r) not in groups:
                groups[id(r)] = EcsGroup(r)
                order.append(groups[id(r)])
            groups[id(r)].reactions.append(react)
    return order


def emit(g: EcsGroup) -> str:
    """C body of the group's rate function (unknowns ye[], parameters pe[], rates dyedt[])."""
    from . import rate, species
    lines = ["    double rate;", "    (void) rate;"]
    ctx = _Emit(g)
    for react in g.reactions:
        if isinstance(react, rate.Rate):
            sp = react._species()
            base = sp._species() if isinstance(sp, species.SpeciesOnExtracellular) else sp
            if isinstance(base, species.Parameter):
                continue
            expr = react._rate_arith._emit(ctx)
            k = g.index(base._extracellular_instances[g.region], False)
            lines.append("    dyedt[%d] += %s;" % (k, expr))
            continue
        expr = react._rate_arith._emit(ctx)
        lines.append("    rate = %s;" % expr)
        summed: Dict[int, int] = {}
        for ref, m in [(x, -1) for x in react._sources] + [(x, 1) for x in react._dests]:
            sp = ref()
            base = sp._species() if isinstance(sp, species.SpeciesOnExtracellular) else sp
            if isinstance(base, species.Parameter):
                continue
            k = g.index(base._extracellular_instances[g.region], False)
            summed[k] = summed.get(k, 0) + m
        for k in sorted(summed):
            lines.append("    dyedt[%d] += (%d) * rate;" % (k, summed[k]))
    return "\n".join(lines) + "\n"
