"""MultiCompartmentReaction: reactions across a membrane between species of different regions
(pumps, channels, ER release), with rates per membrane area and, optionally, an ionic
current through the plasma membrane."""
from __future__ import annotations

from . import rxd, rxdmath
from .generalizedReaction import (GeneralizedReaction, _custom_dynamics,
                                  get_scheme_rate1_rate2_regions_custom_dynamics_mass_action,
                                  ref_list_with_mult)
from .rxdException import RxDException


class MultiCompartmentReaction(GeneralizedReaction):
    """MultiCompartmentReaction(lhs, rhs, kf[, kb], membrane=region, membrane_flux=False,
    scale_by_area=True, custom_dynamics=False)

    Every species must be restricted to its region (ca[cyt], ca[er]).  Rates are molecules
    per um2 of membrane per ms (scaled by the membrane area of each segment unless
    scale_by_area=False).  membrane_flux=True makes the reaction an ionic current through
    the plasma membrane that the engine sees (e.g. ina, ica)."""

    _trans_membrane = True

    def __init__(self, *args, **kwargs):
        from . import species
        scheme, rate_f, rate_b, regions, custom, mass = \
            get_scheme_rate1_rate2_regions_custom_dynamics_mass_action(args, kwargs)
        membrane = kwargs.get("membrane")
        border = kwargs.get("border")
        if border is not None and membrane is not None:
            raise RxDException("cannot specify both border and membrane; they are synonyms")
        if border is not None:
            membrane = border
        membrane_flux = kwargs.get("membrane_flux", False)
        if membrane_flux not in (True, False):
            raise RxDException("membrane_flux must be either True or False")
        if membrane is None:
            raise RxDException("MultiCompartmentReaction requires a membrane parameter")
        if not membrane._geometry.is_area():
            raise RxDException("MultiCompartmentReaction: must specify a membrane not a volume for "
                               "the boundary (%r)" % (membrane,))
        self._scheme = scheme
        self._scale_by_area = kwargs.get("scale_by_area", True)
        self._original_rate_f = rate_f
        self._original_rate_b = rate_b
        self._custom_dynamics = _custom_dynamics(custom, mass)
        self._membrane_flux = membrane_flux
        self._dir = scheme._dir
        self._regions = [membrane]
        self._voltage_dependent = any(getattr(a, "_voltage_dependent", False)
                                      for a in (scheme, rate_f, rate_b))
        for side in (scheme._lhs, scheme._rhs):
            for sp in side._items:
                if not isinstance(sp, (species.SpeciesOnRegion, species.SpeciesOnExtracellular)):
                    raise RxDException("%r: species %s must be restricted to a region, e.g. "
                                       "%s[region]" % (self, sp, sp))
        self._update_rates()
        rxd._register_reaction(self)

    def _update_rates(self) -> None:
        lhs, rhs = self._scheme._lhs._items, self._scheme._rhs._items
        rate_f = rxdmath._ensure_arithmeticed(self._original_rate_f)
        if not self._custom_dynamics:
            for k, v in lhs.items():
                rate_f = rate_f * (k if v == 1 else k ** v)
        if self._original_rate_b is not None:
            if self._dir in ("<", ">"):
                raise RxDException("unidirectional Reaction can have only one rate constant")
            rate_b = rxdmath._ensure_arithmeticed(self._original_rate_b)
            if not self._custom_dynamics:
                for k, v in rhs.items():
                    rate_b = rate_b * (k if v == 1 else k ** v)
            rate = rate_f - rate_b
            self._sources, self._dests = ref_list_with_mult(lhs), ref_list_with_mult(rhs)
        elif self._dir == "<>":
            raise RxDException("bidirectional Reaction needs two rate constants")
        elif self._dir == ">":
            rate = rate_f
            self._sources, self._dests = ref_list_with_mult(lhs), ref_list_with_mult(rhs)
        else:
            rate = rate_f
            self._sources, self._dests = ref_list_with_mult(rhs), ref_list_with_mult(lhs)
        self._rate_arith = rate
        rxd._invalidate()

    # ---------------------------------------------------------------- setup

    def _participant_regions(self) -> list:
        from . import species
        return [ref()._region() for ref in self._sources + self._dests
                if isinstance(ref(), species.SpeciesOnRegion)]

    def _active_regions_1d(self) -> list:
        """The membrane and the regions of the species (NEURON's react_regions)."""
        from . import species
        self._check_species_alive()
        regs = self._participant_regions()
        regs += [s._region() for s in self._involved() if isinstance(s, species.SpeciesOnRegion)]
        regs.append(self._regions[0])
        out = []
        for r in regs:
            if r not in out and (r._secs1d or r._secs3d):
                out.append(r)
        return out

    def _active_regions_ecs(self) -> list:
        """Extracellular participants change with the intracellular reaction, not here."""
        return []

    def _active_secs(self) -> list:
        """Sections that have the membrane and every intracellular participant."""
        mem = self._regions[0]
        secs = list(mem._secs1d)
        for r in self._participant_regions():
            ids = {id(s) for s in r._secs1d}
            secs = [s for s in secs if id(s) in ids]
        return secs

    def _validate(self) -> None:
        super()._validate()
        self._check_sections()

    def _check_sections(self) -> None:
        mem = {id(s) for s in self._regions[0]._secs1d}
        for what, refs in (("sources", self._sources), ("destinations", self._dests)):
            from . import species
            regs = [ref()._region() for ref in refs if isinstance(ref(), species.SpeciesOnRegion)]
            if not regs:
                continue
            common = set.intersection(*[{id(s) for s in r._secs1d} for r in regs])
            if regs and any(r._secs1d for r in regs) and not (common & mem):
                raise RxDException("Multicompartment reactions the membrane and %s must share common "
                                   "sections. %r" % (what, self))

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
        return ("MultiCompartmentReaction(%r, %s, rate_b=%s, membrane=%s, custom_dynamics=%r, "
                "membrane_flux=%r, scale_by_area=%r)" % (
                    self._scheme, short(self._original_rate_f), short(self._original_rate_b),
                    self._regions[0]._short_repr(), self._custom_dynamics, self._membrane_flux,
                    self._scale_by_area))
