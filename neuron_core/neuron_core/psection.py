"""sec.psection(): a dictionary describing a section, as NEURON's Python psection returns."""
from __future__ import annotations

from .mechanisms import registry
from .mechtype import ION


def psection(sec) -> dict:
    from .model import model
    model.ensure_built()
    segs = list(sec)
    density, ions = {}, {}
    for name in sec._mech_order:
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
