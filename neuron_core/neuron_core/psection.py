"""sec.psection(): a dictionary describing a section, as NEURON's Python psection returns."""
from __future__ import annotations

from .mechanisms import registry
from .mechtype import ION


def psection(sec) -> dict:
    from .model import model
    model.ensure_built()
    segs = list(sec)
    density, ions = {}, {}
    for name in reversed(sec._mech_order):
        mt = registry.types[name]
        vals = {}
        for v in mt.vars:
            if not v.range or v.kind == "hidden":
                continue
            row0 = sec._mechs[name]
            if v.size == 1:
                vals[v.name] = [float(mt.data[v.col, row0 + seg._j]) for seg in segs]
            else:
                vals[v.name] = [[float(mt.data[v.col + k, row0 + seg._j]) for k in range(v.size)]
                                for seg in segs]
        if mt.kind == ION:
            ions[mt.ion_name] = vals
        else:
            density[name] = vals
    pps = {}
    for r in sec._pps:
        pp = r()
        if pp is not None and pp._sec is sec:
            pps.setdefault(pp._mt.name, set()).add(pp)
    parent = sec.parentseg()
    trueparent = sec.trueparentseg()
    pts = []
    if sec._pt3d is not None:
        pts = [tuple(float(v) for v in p) for p in sec._pt3d]
    return {
        "point_processes": pps,
        "density_mechs": density,
        "ions": ions,
        "morphology": {"L": sec.L, "diam": [seg.diam for seg in segs], "pts3d": pts,
                       "parent": parent, "trueparent": trueparent},
        "nseg": sec.nseg,
        "Ra": sec.Ra,
        "cm": [seg.cm for seg in segs],
        "regions": set(),
        "species": set(),
        "name": sec.name(),
        "hoc_internal_name": sec.hoc_internal_name(),
        "cell": sec.cell(),
    }


def psection_text(sec) -> str:
    """HOC's psection() printout of a section (first segment only, as NEURON prints)."""
    from .model import model
    model.ensure_built()
    lines = ["%s { nseg=%d  L=%g  Ra=%g" % (sec.name(), sec.nseg, sec.L, sec.Ra)]
    if sec._parent is None:
        lines.append("\t/*location 0 attached to cell 0*/")
    else:
        lines.append("\t%s connect %s (%g), %g" % (sec._parent.name(), sec.name(), sec._childend,
                                                   sec._parentx))
    lines.append("\t/* First segment only */")
    seg = sec(0.5 / sec.nseg)
    base = [("capacitance", "cm=%g" % seg.cm), ("morphology", "diam=%g" % seg.diam)]
    if "extracellular" in sec._mechs:
        base.reverse()
    for name, body in base:
        lines.append("\tinsert %s { %s}" % (name, body))
    for name in reversed(sec._mech_order):
        mt = registry.types[name]
        row = sec._mechs[name]
        vals = []
        shown = _ion_parameters(mt, sec) if mt.kind == ION else None
        for v in mt.vars:
            if v.kind != "parameter" or not v.range or (shown is not None and v.name not in shown):
                continue
            label = v.name if (mt.kind == ION or not mt.suffix) else "%s_%s" % (v.name, mt.suffix)
            vals.append("%s=%g" % (label, mt.data[v.col, row]))
        lines.append("\tinsert %s { %s}" % (name, " ".join(vals)))
    for pp in seg.point_processes():
        mt = pp._mt
        vals = ["%s=%g" % (v.name, mt.data[v.col, pp._row]) for v in mt.vars
                if v.kind == "parameter" and v.range]
        lines.append("\tinsert %s { %s}" % (mt.name, " ".join(vals)))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _ion_parameters(mt, sec) -> set:
    """Ion variables that are constants at this section (shown by psection): e when the
    reversal style is 'constant', ci/co when the concentration style is."""
    style = sec._ion_style.get(mt.ion_name, 0)
    out = set()
    if (style >> 3) & 3 == 1:
        out.add("e" + mt.ion_name)
    if style & 3 == 1:
        out.update((mt.ion_name + "i", mt.ion_name + "o"))
    return out
