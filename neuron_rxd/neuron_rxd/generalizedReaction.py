"""What Rate, Reaction and MultiCompartmentReaction share: argument parsing, registration,
and where (which regions) a reaction acts with which rate expression."""
from __future__ import annotations

import weakref

from . import rxdmath
from .rxdException import RxDException


def ref_list_with_mult(items: dict) -> list:
    """[weakref(species)] * stoichiometry for each term of a reaction side."""
    out = []
    for sp, count in items.items():
        if count < 0:
            raise RxDException("negative stoichiometry %d of %s in a reaction scheme" % (count, sp))
        out += [weakref.ref(sp)] * count
    return out


def get_scheme_rate1_rate2_regions_custom_dynamics_mass_action(args, kwargs):
    """Parse (reactants, products, kf[, kb]) or the legacy (scheme, kf[, kb]) forms."""
    if len(args) == 4:
        scheme = args[0] != args[1]
        rate1, rate2 = args[2], args[3]
    elif len(args) == 3:
        if isinstance(args[0], rxdmath._Reaction):
            scheme, rate1, rate2 = args
        else:
            scheme = args[0].__gt__(args[1])
            rate1, rate2 = args[2], None
    elif len(args) == 2:
        scheme = args[0]
        if not isinstance(scheme, rxdmath._Reaction):
            raise RxDException("%r not a recognized reaction scheme" % (scheme,))
        rate1, rate2 = args[1], None
    else:
        raise RxDException("Invalid number of arguments to rxd.Reaction")
    if not isinstance(scheme, rxdmath._Reaction):
        raise RxDException("%r not a recognized reaction scheme" % (scheme,))
    return (scheme, rate1, rate2, kwargs.get("regions"), kwargs.get("custom_dynamics"),
            kwargs.get("mass_action"))


def _custom_dynamics(custom_dynamics, mass_action) -> bool:
    if custom_dynamics is not None and mass_action is not None:
        raise RxDException("Cannot specify both custom_dynamics and mass_action.")
    if custom_dynamics is None and mass_action is None:
        return False
    if custom_dynamics is None:
        return not mass_action
    return bool(custom_dynamics)


def _species_regions(sp) -> list:
    """Regions (1-D/3-D intracellular) a species-like object lives in."""
    from . import species
    if isinstance(sp, species.SpeciesOnRegion):
        return [sp._region()]
    if isinstance(sp, species.SpeciesOnExtracellular):
        return []
    return list(sp._regions)


def _is_extracellular(sp) -> bool:
    from . import species
    return isinstance(sp, species.SpeciesOnExtracellular)


class GeneralizedReaction:
    """Base of Rate, Reaction, MultiCompartmentReaction."""

    _membrane_flux = False
    _trans_membrane = False

    def __del__(self):
        try:
            from .rxd import _unregister_reaction
            _unregister_reaction(self)
        except (ImportError, AttributeError, TypeError):
            pass  # interpreter shutdown

    def _involved(self) -> list:
        """Species-like objects the rate expression reads."""
        out = {}
        self._rate_arith._involved_species(out)
        return list(out.values())

    def _compiles_in(self, r) -> bool:
        """True when every plain Species the rate reads lives in region r (species restricted
        to a region, and extracellular ones, are read where they are)."""
        from . import species
        for sp in self._involved():
            if isinstance(sp, (species.SpeciesOnRegion, species.SpeciesOnExtracellular)):
                continue
            if r not in sp._regions:
                return False
        return True

    def _check_species_alive(self) -> None:
        for ref in list(self._sources) + list(self._dests):
            if ref() is None:
                raise RxDException("%r refers to a species that no longer exists" % (self,))

    def _validate(self) -> None:
        """Every participant lives somewhere, and in the regions the reaction is limited to."""
        from . import species
        self._check_species_alive()
        parts = [ref() for ref in list(self._sources) + list(self._dests)]
        for sp in parts + self._involved():
            base = sp._species() if hasattr(sp, "_species") and callable(sp._species) else sp
            if not base.regions:
                raise RxDException("%r: species %s is not in any region" % (self, base))
        given = [r for r in self._regions if r is not None]
        if not given or self._trans_membrane:
            return
        for sp in parts:
            if isinstance(sp, species.SpeciesOnExtracellular):
                continue
            regs = _species_regions(sp)
            if not any(r in regs for r in given):
                raise RxDException("%r: the regions %s do not overlap the regions of species %s"
                                   % (self, [getattr(r, "_name", r) for r in given], sp))
