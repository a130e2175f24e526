"""First instantiation of the reaction-diffusion model (lazily, on first need).

`has_initialized` / `is_initializing` are module state that tools reset between models.
"""
from threading import RLock

_init_lock = RLock()
has_initialized = False
is_initializing = False


def _do_ion_register() -> None:
    from . import species
    for ref in list(species._all_species):
        sp = ref()
        if sp is not None:
            sp._ion_register()


def _do_init() -> None:
    """Instantiate regions, species and reactions if not done yet."""
    global has_initialized, is_initializing
    with _init_lock:
        if has_initialized or is_initializing:
            return
        from . import rxd, species
        if not any(r() is not None for r in species._all_species):
            return
        is_initializing = True
        try:
            rxd._setup()
            has_initialized = True
        finally:
            is_initializing = False


def is_initialized() -> bool:
    return has_initialized


def assert_initialized(msg: str = "") -> None:
    from . import species
    from .rxdException import RxDException
    if not has_initialized and any(r() is not None for r in species._all_species):
        raise RxDException("invalid operation; rxd module not initialized" + (": " + msg if msg else ""))
