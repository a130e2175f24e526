"""What the built-in classes need from the HOC interpreter, registered by it.

* `set_template_instances(fn)`: fn(name) -> list of the live instances of the template (or
  built-in class) called `name`, or None when there is no such template; for List("name").
* `set_template_lookup(fn)`: fn(name) -> the HOC template class, or None; for alias_list
  (which builds String objects).
* `set_symbol_checker(fn)`: fn(name) -> bool, whether `name` is a HOC symbol; for is_name.
* `set_reference_finder(fn)`: fn(obj) -> list of names ("cell.syn", "objref o") of HOC
  variables referring to obj; for StringFunctions.references.
"""
from __future__ import annotations

from typing import Callable, List, Optional

_hooks = {"instances": None, "template": None, "symbol": None, "references": None}


def set_template_instances(fn: Optional[Callable[[str], Optional[list]]]) -> None:
    _hooks["instances"] = fn


def set_template_lookup(fn: Optional[Callable[[str], object]]) -> None:
    _hooks["template"] = fn


def set_symbol_checker(fn: Optional[Callable[[str], bool]]) -> None:
    _hooks["symbol"] = fn


def set_reference_finder(fn: Optional[Callable[[object], List[str]]]) -> None:
    _hooks["references"] = fn


def template_instances(name: str) -> Optional[list]:
    fn = _hooks["instances"]
    return None if fn is None else fn(name)


def template_class(name: str):
    fn = _hooks["template"]
    return None if fn is None else fn(name)


def is_symbol(name: str) -> bool:
    """A HOC symbol (when an interpreter is registered) or an engine built-in name."""
    fn = _hooks["symbol"]
    if fn is not None:
        return bool(fn(name))
    from neuron_core import builtins

    return builtins.lookup(name) is not None


def reference_names(obj) -> List[str]:
    fn = _hooks["references"]
    return [] if fn is None else list(fn(obj))
