"""Section functions that are HOC-level conveniences over the engine's model API."""
from __future__ import annotations

from ..errors import HocError
from ..sections import hoc_regex
from ..values import set_string, string_of
from . import define


def install(interp) -> None:
    glue = interp.sections

    def issection(pattern) -> float:
        rx = hoc_regex("^(" + string_of(pattern) + ")$")
        return 1.0 if rx.search(glue.cas().name()) else 0.0

    def sectionname(out) -> float:
        set_string(out, glue.cas().name())
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

    def this_section(x=0.5):
        return glue.cas()

    def disconnect() -> float:
        glue.cas().disconnect()
        return 0.0

    def psection(*args) -> float:
        sec = glue.cas()
        interp.write(format_psection(sec) + "\n")
        return 0.0

    def access_sec(sec) -> float:
        glue.access(sec)
        return 0.0

    from ..symbols import Sym
    for name in interp.secprops:
        interp.builtins.add(Sym(name, "secprop", "B"))
    define(interp, "issection", issection)
    define(interp, "sectionname", sectionname)
    define(interp, "section_exists", section_exists)
    define(interp, "this_section", this_section, "obj")
    define(interp, "disconnect", disconnect)
    define(interp, "psection", psection)


def format_psection(sec) -> str:
    """NEURON's psection() text from the engine's psection() dictionary."""
    try:
        d = sec.psection()
    except Exception as e:
        raise HocError("psection: %s" % e) from None
    parts = ["%s { nseg=%d  L=%g  Ra=%g" % (sec.name(), sec.nseg, sec.L, sec.Ra)]
    parent = d.get("morphology", {}).get("parent")
    if parent is not None:
        parts.append("\t%s connect %s (%g), %g" % (getattr(parent, "sec", parent), sec.name(),
                                                   sec.orientation(), getattr(parent, "x", 1)))
    parts.append("\t/* First segment only */")
    dens = d.get("density_mechs", {})
    parts.append("\tinsert capacitance { cm=%g}" % d.get("cm", [1.0])[0])
    parts.append("\tinsert morphology { diam=%g}" % d.get("morphology", {}).get("diam", [0])[0])
    for mech, vals in dens.items():
        items = " ".join("%s_%s=%g" % (k, mech, v[0]) for k, v in vals.items() if v)
        parts.append("\tinsert %s { %s}" % (mech, items))
    for ion, vals in d.get("ions", {}).items():
        items = " ".join("%s=%g" % (k, v[0]) for k, v in vals.items() if v)
        parts.append("\tinsert %s_ion { %s}" % (ion, items))
    parts.append("}")
    return "\n".join(parts)
