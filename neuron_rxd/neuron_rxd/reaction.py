"""Reaction: mass-action (or custom) reactions among species of one region."""
from __future__ import annotations

from . import rxd, rxdmath
from .generalizedReaction import (GeneralizedReaction, _custom_dynamics, _species_regions,
                                  get_scheme_rate1_rate2_regions_custom_dynamics_mass_action,
                                  ref_list_with_mult)
from .rxdException import RxDException


class Reaction(GeneralizedReaction):
    """Reaction(reactants, products, kf[, kb], regions=None, custom_dynamics=False)

    e.g. Reaction(2 * H + O, H2O, kf, kb).  With mass action (the default) the forward rate
    is kf times the product of the reactant concentrations (each to its stoichiometry), the
    backward rate kb times the products'; with custom_dynamics=True (mass_action=False) kf
    and kb are the full rates (mM/ms).  regions limits where it happens (default: every
    region all reactants and products share)."""

    def __init__(self, *args, **kwargs):
        scheme, rate1, rate2, regions, custom, mass = \
            get_scheme_rate1_rate2_regions_custom_dynamics_mass_action(args, kwargs)
        self._scheme = scheme
        self._custom_dynamics = _custom_dynamics(custom, mass)
        if scheme._dir == "<":
            if rate2 is not None:
                raise RxDException("unidirectional Reaction can have only one rate constant")
            rate_f, rate_b = 0, rate1
        elif scheme._dir == "<>":
            if rate2 is None:
                raise RxDException("bidirectional Reaction needs two rate constants")
            rate_f, rate_b = rate1, rate2
        elif scheme._dir == ">":
            if rate2 is not None:
                raise RxDException("unidirectional Reaction can have only one rate constant")
            rate_f, rate_b = rate1, 0
        else:
            raise RxDException("unknown reaction scheme direction: %s" % scheme._dir)
        self._original_rate_f = rate_f
        self._original_rate_b = rate_b
        self._voltage_dependent = any(getattr(a, "_voltage_dependent", False)
                                      for a in (scheme, rate_f, rate_b))
        self._dir = scheme._dir
        if not hasattr(regions, "__len__"):
            regions = [regions]
        # an empty list means every region, as None does (NEURON; NetPyNE passes [])
        self._regions = list(regions) or [None]
        self._update_rates()
        rxd._register_reaction(self)

    def _update_rates(self) -> None:
        from . import species
        lhs, rhs = self._scheme._lhs._items, self._scheme._rhs._items
        rate_f = rxdmath._ensure_arithmeticed(self._original_rate_f)
        rate_b = rxdmath._ensure_arithmeticed(self._original_rate_b)
        if not self._custom_dynamics:
            if ">" in self._dir:
                for k, v in lhs.items():
                    rate_f = rate_f * (k if v == 1 else k ** v)
            if "<" in self._dir:
                for k, v in rhs.items():
                    rate_b = rate_b * (k if v == 1 else k ** v)
        self._rate_arith = rate_f - rate_b
        self._sources = ref_list_with_mult(lhs)
        self._dests = ref_list_with_mult(rhs)
        regions_used = {id(s()._region()) for s in self._sources + self._dests
                        if isinstance(s(), species.SpeciesOnRegion)}
        regions_used |= {id(s()._ecs_region()) for s in self._sources + self._dests
                         if isinstance(s(), species.SpeciesOnExtracellular)}
        if len(regions_used) > 1:
            raise RxDException("%r: Reaction does not support multi-compartment dynamics. Use "
                               "MultiCompartmentReaction." % (self,))
        rxd._invalidate()

    # ---------------------------------------------------------------- setup

    def _active_regions_1d(self) -> list:
        """Regions where it happens: those all reactants and products share (limited to the
        given regions, if any) where everything the rate reads exists."""
        from . import species
        self._check_species_alive()
        parts = [ref() for ref in self._sources + self._dests]
        parts = [p for p in parts if not isinstance(p, species.SpeciesOnExtracellular)]
        if not parts:
            return []
        shared = None
        for p in parts:
            mine = _species_regions(p)
            shared = mine if shared is None else [r for r in shared if r in mine]
        if self._regions != [None]:
            shared = [r for r in self._regions if r in shared]
        elif not shared and all(_species_regions(p) for p in parts):
            raise RxDException("Error in %r. The species do not share a common region" % (self,))
        return [r for r in shared if (r._secs1d or r._secs3d) and self._compiles_in(r)]

    def _active_regions_ecs(self) -> list:
        """Extracellular regions where it happens: the given ones, else those of the
        participants restricted to one, else those every participant lives in."""
        from . import region, species
        given = [r for r in self._regions if isinstance(r, region.Extracellular)]
        if given:
            return given
        parts = [ref() for ref in self._sources + self._dests]
        restricted = [p._ecs_region() for p in parts if isinstance(p, species.SpeciesOnExtracellular)]
        if restricted:
            return [restricted[0]]
        plain = [p for p in parts if isinstance(p, species.Species)]
        if not plain or len(plain) != len(parts) or not all(p._extracellular_regions for p in plain):
            return []
        common = list(plain[0]._extracellular_regions)
        for p in plain[1:]:
            common = [r for r in common if r in p._extracellular_regions]
        return common

    def _contributions(self):
        """(species, multiplier) of each distinct participant, in first-appearance order."""
        summed = {}
        for ref, m in [(r, -1) for r in self._sources] + [(r, 1) for r in self._dests]:
            sp = ref()
            key = id(sp._species()) if hasattr(sp, "_region") else id(sp)
            if key not in summed:
                summed[key] = [sp, 0]
            summed[key][1] += m
        return [tuple(v) for v in summed.values()]

    # ----------------------------------------------------------- properties

    @property
    def f_rate(self):
        return self._original_rate_f

    @f_rate.setter
    def f_rate(self, value):
        if self._dir not in ("<>", ">"):
            raise RxDException("no forward reaction in reaction scheme")
        self._original_rate_f = value
        self._update_rates()

    @property
    def b_rate(self):
        return self._original_rate_b

    @b_rate.setter
    def b_rate(self, value):
        if self._dir not in ("<>", "<"):
            raise RxDException("no backward reaction in reaction scheme")
        self._original_rate_b = value
        self._update_rates()

    def __repr__(self):
        def short(x):
            return x._short_repr() if hasattr(x, "_short_repr") else x
        if self._regions != [None]:
            regs = "[" + ", ".join(r._short_repr() for r in self._regions) + "]"
            return "Reaction(%s, %s, rate_b=%s, regions=%s, custom_dynamics=%r)" % (
                self._scheme, short(self._original_rate_f), short(self._original_rate_b), regs,
                self._custom_dynamics)
        return "Reaction(%s, %s, rate_b=%s, custom_dynamics=%r)" % (
            self._scheme, short(self._original_rate_f), short(self._original_rate_b),
            self._custom_dynamics)
