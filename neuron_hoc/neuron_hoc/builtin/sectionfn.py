"""Section functions that are HOC-level conveniences over the engine's model API."""
from __future__ import annotations

from ..objects import HocObject
from ..sections import hoc_regex
from ..values import set_string, string_of
from . import define


def install(interp) -> None:
    glue = interp.sections

    def issection(pattern) -> float:
        rx = hoc_regex("^(" + string_of(pattern) + ")$")
        return 1.0 if rx.search(glue.cas().name()) else 0.0

    def sectionname(out) -> float:
        set_string(out, glue.cas().hoc_name())
        return 1.0

    def section_exists(name, *rest) -> float:
        name = string_of(name)
        index = None
        owner = None
        for r in rest:
            if isinstance(r, (int, float)):
                index = int(r)
            else:
                owner = r
        if "[" in name and index is None:
            base, _, tail = name.partition("[")
            name, index = base, int(tail.rstrip("]"))
        if owner is not None:
            val = getattr(owner, name, None)
        else:
            sym = interp.top.get(name)
            val = interp.G.get(sym.key) if sym is not None and sym.kind == "sec" else None
        if val is None:
            return 0.0
        if isinstance(val, list):
            if index is None or not 0 <= index < len(val):
                return 0.0
            val = val[index]
        elif index not in (None, 0):
            return 0.0
        return 0.0 if getattr(val, "_deleted", True) else 1.0

    def parent_connection() -> float:
        seg = glue.cas().parentseg()
        return float(seg.x) if seg is not None else 0.0

    def section_owner():
        owner = glue.cas().cell()
        return owner if isinstance(owner, HocObject) else None

    def initnrn() -> float:
        m = glue.model
        m.t, m.dt, m.celsius, m.secondorder = 0.0, 0.025, 6.3, 0
        return 0.0

    def this_section(x=0.5):
        return glue.cas()

    def disconnect() -> float:
        glue.cas().disconnect()
        return 0.0

    from ..symbols import Sym
    for name in interp.secprops:
        interp.builtins.add(Sym(name, "secprop", "B"))
    engine = getattr(interp.builtins, "engine_lookup", None)
    for name, fn, flags in (("issection", issection, ()), ("sectionname", sectionname, ()),
                            ("section_exists", section_exists, ()),
                            ("this_section", this_section, ("obj",)),
                            ("disconnect", disconnect, ()),
                            ("parent_connection", parent_connection, ()),
                            ("section_owner", section_owner, ("obj",)),
                            ("initnrn", initnrn, ())):
        if engine is None or engine(name) is None:     # the engine's own version wins
            define(interp, name, _with_sec_keyword(glue, fn), *flags)


def _with_sec_keyword(glue, fn):
    """fn(..., sec=s) from Python runs with s as the currently accessed section."""
    def call(*args, sec=None):
        return glue.call_with_section(sec, fn, *args)
    call.__name__ = fn.__name__
    return call

