"""NEURON, reimplemented Python-first: ``from neuron import h``.

This package is the public face.  Components (the engine, the HOC interpreter, the NMODL
compiler, rxd, mechanism packages) are found through the plugin system (entry-point group
``neuron``); only the engine, which everything needs, is imported directly.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Callable, Dict, List, Optional

import neuron_core as _core
from neuron_core.errors import HocError, NeuronError

from . import _plugins, _submodules, units
from .hookspecs import hookspec  # noqa: F401  (re-exported for plugin authors)
import pluggy as _pluggy

hookimpl = _pluggy.HookimplMarker("neuron")

__version__ = version = "9.0.2"
embedded = False
nrn_dll_loaded: List[str] = []

_state: Dict[str, Any] = {"h": None, "api": None}


# ------------------------------------------------------------------- h / n

def _interpreter():
    if _state["h"] is None:
        hobj = _plugins.get_plugin_manager().hook.neuron_make_interpreter()
        if hobj is None:
            raise ImportError("no HOC interpreter is installed (the neuron-hoc distribution provides it)")
        _state["h"] = hobj
        # neuron.hoc becomes a plain attribute, so that code reaching it late (finalizers at
        # interpreter exit, as LFPy's) needs no import then
        hoc = _submodules.import_alias("hoc")
        if hoc is not None:
            globals()["hoc"] = hoc
    return _state["h"]


def _api() -> Dict[str, Any]:
    if _state["api"] is None:
        names: Dict[str, Any] = {}

        def register(name: str, obj: Any) -> None:
            names[name] = obj
        _plugins.get_plugin_manager().hook.neuron_register_api(register=register)
        _state["api"] = names
    return _state["api"]


def __getattr__(name: str):
    if name in ("h", "n"):
        return _interpreter()
    if name in _submodules.names():
        mod = _submodules.import_alias(name)
        globals()[name] = mod
        return mod
    api = _api()
    if name in api:
        return api[name]
    raise AttributeError("module 'neuron' has no attribute %r" % name)


def __dir__():
    return sorted(set(globals()) | {"h", "n"} | set(_api()) | set(_submodules.names()))


# -------------------------------------------------------------- mechanisms

def load_mechanisms(path: str, warn_if_already_loaded: bool = True) -> bool:
    """Load the mechanisms `nrnivmodl` built in path/<arch>/ (NEURON's load_mechanisms)."""
    real = os.path.realpath(path)
    if real in nrn_dll_loaded:
        if warn_if_already_loaded:
            print("Mechanisms already loaded from path: %s.  Aborting." % path)
        return True
    lib = _core.find_library(path)
    if lib is None:
        print("NEURON mechanisms not found in %s." % path)
        return False
    _core.load_library_file(lib)
    nrn_dll_loaded.append(real)
    return True


def _load_plugin_mechanisms() -> None:
    pm = _plugins.get_plugin_manager()
    packages: List[tuple] = []

    def register(package: str, mod_files: List[str], builtin: bool = False) -> None:
        packages.append((package, list(mod_files), builtin))

    pm.hook.neuron_register_mechanisms(register=register)
    for pkg, files, builtin in packages:
        if not files:
            continue
        try:
            lib = pm.hook.neuron_compile_mechanisms(mod_files=files, output_dir=None)
        except Exception as exc:
            import warnings
            warnings.warn("mechanisms of %s could not be built: %s" % (pkg, exc), _plugins.PluginLoadWarning)
            continue
        if lib is None:
            import warnings
            warnings.warn("mechanisms of %s need the NMODL compiler (neuron-nmodl), which is not installed"
                          % pkg, _plugins.PluginLoadWarning)
            continue
        _core.load_library_file(lib, package=pkg, builtin=builtin)


def _autoload_user_mechanisms() -> None:
    if _core.find_library(os.getcwd()) is not None:
        load_mechanisms(os.getcwd(), warn_if_already_loaded=False)
    for p in filter(None, os.environ.get("NRN_NMODL_PATH", "").split(":")):
        load_mechanisms(p, warn_if_already_loaded=False)


# -------------------------------------------------------------- public API

def psection(sec) -> dict:
    """The dictionary describing a section (NEURON's neuron.psection)."""
    return sec.psection()


def init() -> float:
    """finitialize() at the current h.v_init if stdrun is loaded, else with voltages unchanged."""
    h = _interpreter()
    try:
        v_init = h.v_init
    except (AttributeError, LookupError, NeuronError):
        return h.finitialize()
    return h.finitialize(v_init)


def run(tstop: float) -> float:
    """Advance to tstop with the fixed step (sets h.tstop when stdrun is loaded)."""
    h = _interpreter()
    try:
        h.tstop = tstop
    except (AttributeError, LookupError, NeuronError):
        pass
    _core.run_until(float(tstop))
    return 1.0


def numpy_element_ref(numpy_array, index: int):
    """A pointer to numpy_array[index], usable wherever a _ref_ is (the array stays alive)."""
    return _core.array_ref(numpy_array, int(index))


def nrn_dll(printpath: bool = False):
    """ctypes handle to the engine's shared library."""
    import ctypes
    from neuron_core import _engine
    path = _engine.__file__
    if printpath:
        print(path)
    return ctypes.PyDLL(path)


def nrn_dll_sym(name: str, type: Optional[Any] = None):
    """A symbol of the engine library: a ctypes function, or type.in_dll(dll, name)."""
    dll = nrn_dll()
    if type is None:
        return getattr(dll, name)
    return type.in_dll(dll, name)


def new_point_process(name: str, doc: Optional[str] = None) -> type:
    """A Python class for point process `name` whose constructor is (section, position=0.5)."""
    base = getattr(_interpreter(), name)

    def __new__(cls, section, position=0.5, **kwargs):
        return base.__new__(cls, section(position))

    def __init__(self, section, position=0.5, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)
    return type(name, (base,), {"__new__": __new__, "__init__": __init__,
                                "__doc__": doc or base.__doc__})


def new_hoc_class(name: str, doc: Optional[str] = None) -> type:
    """A Python factory class for HOC class `name`; keyword arguments become attributes."""
    h = _interpreter()

    def __new__(cls, *args, **kwargs):
        obj = getattr(h, name)(*args)
        for k, v in kwargs.items():
            setattr(obj, k, v)
        return obj
    return type(name, (), {"__new__": __new__, "__doc__": doc or "HOC class %s" % name})


def _run_tests(suite: str, exit_on_error: bool) -> bool:
    import subprocess
    dirs: List[str] = []
    _plugins.get_plugin_manager().hook.neuron_register_tests(
        register=lambda s, d: dirs.append(d) if s == suite else None)
    if not dirs:
        print("no %s tests are installed" % suite)
        ok = False
    else:
        ok = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              "--import-mode=importlib"] + dirs) == 0
    if not ok and exit_on_error:
        sys.exit(1)
    return ok


def test(exitOnError: bool = True) -> bool:
    """Run the tests shipped with the installed components; True when all pass."""
    return _run_tests("core", exitOnError)


def test_rxd(exitOnError: bool = True) -> bool:
    """Run the reaction-diffusion tests shipped with neuron-rxd; True when all pass."""
    return _run_tests("rxd", exitOnError)


# ------------------------------------------------------------------ import

_submodules.install(_plugins.get_plugin_manager())
_load_plugin_mechanisms()
_autoload_user_mechanisms()
