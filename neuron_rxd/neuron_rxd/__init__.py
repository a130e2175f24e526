"""neuron.rxd: reaction-diffusion in and around cells (also importable as neuron.crxd).

Regions say where, species say what, reactions say how; the engine advances them with the
cells each fixed step (see csrc/ for the numerics).

The package itself is light: the plugin module can be imported at `import neuron` without
loading rxd; the first attribute used (`rxd.Species`, ...) loads the whole API, as
`from neuron import rxd` does in NEURON.
"""
import importlib
from typing import Any, List


def _load() -> None:
    _api = importlib.import_module(__name__ + "._api")
    g = globals()
    for name, value in vars(_api).items():
        if not name.startswith("_"):
            g.setdefault(name, value)
    g["__all__"] = _api.__all__


def __getattr__(name: str) -> Any:
    if name.startswith("_") and name != "__all__":
        raise AttributeError("module %r has no attribute %r" % (__name__, name))
    _load()
    try:
        return globals()[name]
    except KeyError:
        raise AttributeError("module 'neuron.rxd' has no attribute %r" % name) from None


def __dir__() -> List[str]:
    _load()
    return sorted(globals())
