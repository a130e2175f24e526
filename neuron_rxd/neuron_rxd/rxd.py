"""Instantiating the reaction-diffusion model and keeping it in step with the engine.

`_setup()` lays out every species' nodes, computes volumes and the diffusion matrix, groups
and compiles the reactions and hands everything to the C solver (`_wiring`).  It runs lazily:
on first access to nodes, at the start of finitialize, and after the engine's model changes.
`_all_reactions` (weak references) is module state tools reset between models.
"""
from __future__ import annotations

import weakref
from typing import Optional

from neuron_core.model import model as _nrn_model

from . import initializer, node, section1d
from .rxdException import RxDException

_all_reactions: list = []
_dimensions = {1: [], 3: []}
_dimensions_default = 1
_default_dx = 0.25
_default_method = "deterministic"
_nthread = 1

_state = {"dirty": True, "in_setup": False, "handlers": None, "instantiated": set(),
          "rebuild_hooked": False}


# ------------------------------------------------------------------ registry

def _register_reaction(r) -> None:
    with initializer._init_lock:
        _all_reactions.append(weakref.ref(r))
    _invalidate()


def _unregister_reaction(r) -> None:
    global _all_reactions
    react = r() if isinstance(r, weakref.ref) else r
    with initializer._init_lock:
        _all_reactions = [x for x in _all_reactions if x() is not None and x() is not react]
    _invalidate()


def _live_reactions() -> list:
    return [r for r in (x() for x in _all_reactions) if r is not None]


def _invalidate() -> None:
    """The model changed: set up again before the next use."""
    _state["dirty"] = True
    _register_handlers()


# ------------------------------------------------------------- solve types

def _domain_lookup(sec, dim: Optional[int] = None) -> int:
    for d, secs in _dimensions.items():
        if any(s is sec for s in secs):
            if dim is not None and d != dim:
                secs[:] = [s for s in secs if s is not sec]
                return _domain_lookup(sec, dim)
            return d
    dimension = dim if dim else _dimensions_default
    _dimensions[dimension].append(sec)
    return dimension


def set_solve_type(domain=None, dimension=None, dx=None, nsubseg=None, method=None) -> None:
    """Choose 1-D or 3-D simulation for sections (domain: a section, sections, or None for
    all sections and the default)."""
    global _dimensions_default
    from neuron_core import Section
    if initializer.is_initialized():
        raise RxDException("set_solve_type must be called before any access to nodes.")
    setting_default = domain is None
    if domain is None:
        domain = list(_nrn_model.sections())
    elif isinstance(domain, Section):
        domain = [domain]
    if method is not None:
        raise RxDException("using set_solve_type to specify method is not yet implemented")
    if dimension is not None:
        if dimension not in (1, 3):
            raise RxDException("invalid option to set_solve_type: dimension must be 1 or 3")
        if setting_default:
            _dimensions_default = dimension
        for sec in domain:
            _domain_lookup(sec, dimension)
    if dx is not None:
        raise RxDException("using set_solve_type to specify dx is not yet implemented")
    if nsubseg is not None:
        raise RxDException("using set_solve_type to specify nsubseg is not yet implemented")
    _invalidate()


def nthread(n: Optional[int] = None) -> int:
    """Threads used for 3-D and extracellular work (set with n; returns the number)."""
    global _nthread
    if n is not None:
        n = int(n)
        if n < 1:
            raise RxDException("nthread must be at least 1 (got %d)" % n)
        _nthread = n
    return _nthread


# ----------------------------------------------------------------- lifecycle

def _register_handlers() -> None:
    """Join finitialize and the engine's rebuilds (once, when rxd is first used)."""
    if _state["handlers"] is not None:
        return
    from neuron_core import FInitializeHandler
    _state["handlers"] = (FInitializeHandler(3, _init), FInitializeHandler(1, _init_concentration))
    if not _state["rebuild_hooked"]:
        _nrn_model.on_rebuild.append(_on_rebuild)
        _state["rebuild_hooked"] = True


def _ensure_setup() -> None:
    """Instantiate (or re-instantiate after changes) before nodes are used."""
    if _state["in_setup"]:
        return
    if not initializer.has_initialized:
        initializer._do_init()
        return
    _nrn_model.ensure_built()  # a changed engine model sets rxd up again (_on_rebuild)
    if _state["dirty"]:
        _setup()


def _update_node_data(force: bool = False, newspecies: bool = False) -> None:
    if force:
        _state["dirty"] = True
    _ensure_setup()


def _setup_matrices() -> None:
    """Bring the model up to date now (after a change the next step must see)."""
    _invalidate()
    if initializer.has_initialized:
        _ensure_setup()


def _setup_units(force: bool = False) -> None:
    _setup_matrices()


def _compile_reactions() -> None:
    _setup_matrices()


def _init() -> None:
    """finitialize, first thing: instantiate and set initial concentrations."""
    from . import species
    if not species._live_species():
        return
    initializer._do_init()
    if _state["dirty"]:
        _setup()
    _init_concentration()


def _init_concentration() -> None:
    """finitialize, after the mechanisms' INITIAL blocks: initial concentrations, copied to
    the engine's ion variables."""
    from . import species
    live = species._live_species()
    if not live or not initializer.has_initialized:
        return
    for sp in live:
        sp._finitialize()
    _transfer_to_legacy()


def _transfer_to_legacy() -> None:
    from . import _wiring
    _wiring.transfer()


def _on_rebuild() -> None:
    """The engine rebuilt its model (sections, nseg, geometry or mechanisms changed): set up
    again, without changing the model, so every pointer and volume is current."""
    if _state["in_setup"] or not initializer.has_initialized:
        return
    _setup(shape=False)


def _setup(shape: bool = True) -> None:
    """Lay out, compute and wire the whole model."""
    from neuron_core.pt3dmode import define_shape

    from . import _wiring, species
    with initializer._init_lock:
        if _state["in_setup"]:
            return
        _state["in_setup"] = True
        try:
            _register_handlers()
            live = species._live_species()
            for r in _live_reactions():
                r._validate()
            for sp in live:
                sp._validate()
            if shape:
                define_shape()
            _wiring.build(live, _live_reactions(), _state["instantiated"])
            _state["instantiated"] = {id(sp) for sp in live}
            _state["dirty"] = False
        finally:
            _state["in_setup"] = False


def re_init() -> None:
    """Take rxd concentrations from the engine's ion variables again (after the user changed
    e.g. seg.cai), and bring the matrices up to date."""
    from . import species
    _ensure_setup()
    for sp in species._live_species():
        sp.re_init()


# ---------------------------------------------------- module state (compat)

def free_conc_ptrs() -> None:
    section1d._purge_cptrs()
    _invalidate()


def free_curr_ptrs() -> None:
    _invalidate()


def rxd_include_node_flux1D(n, index, scales, sources) -> None:
    """Replace the node fluxes (n = 0 removes all; used by tools resetting rxd)."""
    if n:
        raise RxDException("rxd_include_node_flux1D only supports removing all node fluxes")
    node._node_fluxes = {"index": [], "type": [], "source": [], "scale": [], "region": []}
    node._has_node_fluxes = False
    _invalidate()
