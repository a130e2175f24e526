"""Services the Vector needs from the HOC interpreter, registered by it at import time.

neuron_core imports nothing of HOC: the interpreter registers a function resolver (so that
`apply("name")`, `reduce("name")` and `fit(..., "name", ...)` call HOC functions) and a
getter of HOC's `float_epsilon` (the tolerance of `where`, `contains`, `eq`...).
"""
from __future__ import annotations

from typing import Callable, Optional

_resolver: Optional[Callable[[str], Optional[Callable]]] = None
_epsilon_getter: Optional[Callable[[], float]] = None

DEFAULT_FLOAT_EPSILON = 1e-11


def set_hoc_function_resolver(fn: Optional[Callable[[str], Optional[Callable]]]) -> None:
    """Register fn(name) -> callable (or None when `name` is not a HOC function)."""
    global _resolver
    _resolver = fn


def resolve_hoc_function(name: str) -> Optional[Callable]:
    """The HOC function called `name`, or None (also None when no interpreter registered)."""
    if _resolver is None:
        return None
    return _resolver(name)


def set_float_epsilon_getter(fn: Optional[Callable[[], float]]) -> None:
    """Register a getter of HOC's float_epsilon."""
    global _epsilon_getter
    _epsilon_getter = fn


def float_epsilon() -> float:
    """HOC's float_epsilon (1e-11 until an interpreter registers its variable)."""
    if _epsilon_getter is None:
        return DEFAULT_FLOAT_EPSILON
    return float(_epsilon_getter())
