"""Symbols: what a HOC name denotes, and where its value lives.

Storage ("store"):
* "G": the interpreter's global dict (the globals of all compiled code), key `h_<name>`;
  top-level user names and the built-in variables such as `float_epsilon` live there;
* "F": a field of a template instance, in the instance `__dict__` under `key`;
* "L": a Python local of the compiled procedure (`local`, `localobj`), named `l_<name>`;
* "B": a built-in provided by Python code (functions, classes, engine variables...).

Kinds: var (double, `ndim` > 0 for arrays), str (strdef), obj (objref), sec (section), proc,
func, obfunc, iter, template, builtin (function), class, bvar (engine variable), rangevar,
secprop (L, Ra, nseg, rallbranch), mech (mechanism name).
"""
from __future__ import annotations

from typing import Any, Dict, Optional

DATA_KINDS = ("var", "str", "obj", "sec")
CALLABLE_KINDS = ("proc", "func", "obfunc", "iter")


class Sym:
    __slots__ = ("name", "kind", "ndim", "store", "key", "value", "public", "template", "flags")

    def __init__(self, name: str, kind: str, store: str, key: str = "", ndim: int = 0,
                 value: Any = None, public: bool = False, template=None,
                 flags: frozenset = frozenset()):
        self.name = name
        self.kind = kind
        self.store = store
        self.key = key
        self.ndim = ndim
        self.value = value        # built-ins: the Python object; fields: declared dims
        self.public = public
        self.template = template  # the Template owning a field or method
        self.flags = flags        # built-ins: "pure" (no side effects), "str" (returns str)...

    def __repr__(self):
        return "Sym(%s %s %s%s)" % (self.kind, self.name, self.store,
                                    "[%d]" % self.ndim if self.ndim else "")


def top_key(name: str) -> str:
    return "h_" + name


def field_key(name: str, kind: str, public: bool) -> str:
    """Public fields are plain attributes (Python reads them directly), except strdefs whose
    attribute must yield the string, not its cell; private fields are hidden from Python."""
    if not public:
        return "_p_" + name
    if kind == "str":
        return "_s_" + name
    return name


class SymbolTable:
    """A flat table of names (the top level, one template, or the built-ins)."""

    def __init__(self):
        self.syms: Dict[str, Sym] = {}

    def get(self, name: str) -> Optional[Sym]:
        return self.syms.get(name)

    def add(self, sym: Sym) -> Sym:
        self.syms[sym.name] = sym
        return sym

    def remove(self, name: str) -> None:
        self.syms.pop(name, None)

    def __contains__(self, name: str) -> bool:
        return name in self.syms
