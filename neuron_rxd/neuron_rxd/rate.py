"""Rate: an additional term in the rate of change of one species (summed with the others)."""
from __future__ import annotations

import weakref

from . import rxd, rxdmath
from .generalizedReaction import GeneralizedReaction, _species_regions
from .rxdException import RxDException


class Rate(GeneralizedReaction):
    """Rate(species, rate, regions=None, membrane_flux=False): d species/dt += rate (mM/ms),
    in the given regions (default: wherever the species and everything the rate reads are)."""

    def __init__(self, species, rate, regions=None, membrane_flux=False):
        from . import region, species as species_mod
        if not isinstance(species, species_mod._SpeciesMathable):
            raise RxDException("Rate: %r is not a species" % (species,))
        self._species = weakref.ref(species)
        self._original_rate = rate
        if membrane_flux not in (True, False):
            raise RxDException("membrane_flux must be either True or False")
        if membrane_flux:
            raise RxDException("%r: membrane_flux is supported by MultiCompartmentReaction only"
                               % (species,))
        if regions is None:
            regions = [None]
        elif not hasattr(regions, "__len__") or isinstance(regions, region.Extracellular):
            regions = [regions]
        self._regions = list(regions)
        self._membrane_flux = membrane_flux
        self._rate_arith = rxdmath._ensure_arithmeticed(rate)
        self._voltage_dependent = getattr(rate, "_voltage_dependent", False)
        self._sources, self._dests = [], [self._species]
        rxd._register_reaction(self)
        rxd._invalidate()

    def _active_regions_1d(self) -> list:
        """The species' regions (limited to the given ones, if any) where everything the rate
        reads exists."""
        sp = self._species()
        if sp is None:
            return []
        sp_regions = _species_regions(sp)
        actr = sp_regions
        if self._regions != [None]:
            actr = [r for r in self._regions if r in sp_regions]
        return [r for r in actr if (r._secs1d or r._secs3d) and self._compiles_in(r)]

    def _active_regions_ecs(self) -> list:
        """Extracellular regions where it acts: given ones, the species' restriction, or
        every extracellular region of the species."""
        from . import region, species
        given = [r for r in self._regions if isinstance(r, region.Extracellular)]
        if given:
            return given
        sp = self._species()
        if isinstance(sp, species.SpeciesOnExtracellular):
            return [sp._ecs_region()]
        if isinstance(sp, species.Species) and self._regions == [None]:
            return list(sp._extracellular_regions)
        return []

    def _contributions(self):
        return [(self._species(), 1)]

    def __repr__(self):
        sp = self._species()
        rate = self._original_rate
        short = rate._short_repr() if hasattr(rate, "_short_repr") else rate
        name = sp._short_repr() if sp is not None else "<deleted>"
        if self._regions != [None]:
            regs = "[" + ", ".join(r._short_repr() for r in self._regions) + "]"
            return "Rate(%s, %s, regions=%s, membrane_flux=%r)" % (name, short, regs, self._membrane_flux)
        return "Rate(%s, %s, membrane_flux=%r)" % (name, short, self._membrane_flux)
