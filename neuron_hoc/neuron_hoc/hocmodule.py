"""`neuron.hoc`: the HOC object types as NEURON's compiled `hoc` module offers them
(`neuron.hoc.HocObject`, `neuron.hoc.Vector`, ...)."""
from neuron_core.vector import Vector

from .objects import HocObject
from .top import HocTop

__all__ = ["HocObject", "HocTop", "Vector"]


def __getattr__(name: str):
    """Other built-in classes by name (List, Matrix, Random, ...), through the interpreter."""
    from .top import get_h
    obj = getattr(get_h(), name, None)
    if isinstance(obj, type):
        return obj
    raise AttributeError("module 'neuron.hoc' has no attribute %r" % name)
