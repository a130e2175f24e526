"""Per-object aliases (StringFunctions.alias): `obj.name` reads and writes another variable
(through a pointer) or names another object.

Objects that manage their own attributes may implement `_hoc_aliases()` returning a dict to
use.  Other objects get their class swapped, once, for a subclass whose attribute hooks
consult the alias table, so objects without aliases pay nothing.
"""
from __future__ import annotations

import weakref
from typing import Dict

from neuron_core.errors import NeuronError
from neuron_core.refs import Ref

from ..values import HocRef

_tables: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_aliased_classes: Dict[type, type] = {}


def is_pointer(x) -> bool:
    """A pointer argument (`_ref_x`, `&x`, `h.ref(number)`) rather than an object."""
    if isinstance(x, Ref):
        return True
    if isinstance(x, HocRef):
        return not isinstance(x.v, str) and not hasattr(x.v, "__dict__")
    name = type(x).__name__
    return name in ("VarPointer", "ArrayPointer") and hasattr(x, "__setitem__")


def table(obj, create: bool = False):
    """The alias table of obj (name -> pointer or object)."""
    own = getattr(type(obj), "_hoc_aliases", None)
    if own is not None:
        return own(obj)
    t = _tables.get(obj)
    if t is None and create:
        t = {}
        _tables[obj] = t
        _swap_class(obj)
    return t


def _swap_class(obj) -> None:
    cls = type(obj)
    if getattr(cls, "_alias_aware", False):
        return
    sub = _aliased_classes.get(cls)
    if sub is None:
        ns = {"__slots__": (), "_alias_aware": True, "__getattr__": _get, "__setattr__": _set,
              "__module__": cls.__module__}
        sub = type(cls.__name__, (cls,), ns)
        _aliased_classes[cls] = sub
    try:
        obj.__class__ = sub
    except TypeError:
        raise NeuronError("alias: %s objects cannot carry aliases" % cls.__name__) from None


def _get(self, name: str):
    t = _tables.get(self)
    if t is not None and name in t:
        target = t[name]
        return target[0] if is_pointer(target) else target
    base = type(self).__mro__[1]
    getter = getattr(base, "__getattr__", None)
    if getter is not None:
        return getter(self, name)
    raise AttributeError("'%s' object has no attribute '%s'" % (base.__name__, name))


def _set(self, name: str, value) -> None:
    t = _tables.get(self)
    if t is not None and name in t:
        target = t[name]
        if not is_pointer(target):
            raise NeuronError("alias %s names an object; it cannot be assigned" % name)
        target[0] = value
        return
    super(type(self), self).__setattr__(name, value)
