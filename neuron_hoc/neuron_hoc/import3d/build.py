"""Import3d_GUI.instantiate: NEURON sections from an imported morphology.

Per type (soma, axon, dend, apic...) `create name[n]` runs in the cell object (or at the
top level); sections are named in file order; a cell's SectionLists `all`, `somatic`,
`axonal`, `basal`, `apical` are filled when the cell has them.  Each child connects its 0
end to its parent at `parentx`; a one-point section becomes a three-point cylinder along x
with L = diam (a sphere's area).
"""
from __future__ import annotations

from typing import List

from ..errors import HocError
from ..objects import HocObject
from .section import Morphology, Section3d, subset_name, type_name


def check_valid(m: Morphology, report) -> None:
    """Drop one-point and zero-length two-point sections; their children move up."""
    secs = m.sections
    i = len(secs) - 1
    while i >= 0:
        sec = secs[i]
        if sec.parent is not None:
            n = len(sec.points) - sec.first
            if n <= 1:
                report("One point %s section has been removed\n" % type_name(sec.type))
                _remove(secs, i)
            elif n == 2 and sec.points[sec.first][:3] == sec.points[sec.first + 1][:3]:
                report("Two point %s section with 0 length has been removed\n"
                       % type_name(sec.type))
                _remove(secs, i)
        i -= 1


def _remove(secs: List[Section3d], i: int) -> None:
    dead = secs.pop(i)
    for s in secs:
        if s.parent is not None and s.parent > i:
            s.parent -= 1
        elif s.parent == i:
            s.parent, s.parentx = dead.parent, dead.parentx


def instantiate(interp, m: Morphology, cell) -> None:
    from .contour import contour_to_centroid
    secs = m.sections
    if not secs:
        raise HocError("Import3d: no points to instantiate")
    check_valid(m, interp.write)
    counts = {}
    for sec in secs:
        sec.nameindex = counts.get(sec.type, 0)
        counts[sec.type] = sec.nameindex + 1
    for typ in sorted(counts):
        name = type_name(typ)
        interp.execute("create %s[%d]" % (name, counts[typ]), cell)
        if cell is not None and _has(cell, subset_name(typ)):
            interp.execute('forsec "%s" %s.append()' % (name, subset_name(typ)), cell)
    if cell is not None and _has(cell, "all"):
        interp.execute("forall all.append()", cell)
    arrays = {typ: _sections_named(interp, cell, type_name(typ)) for typ in counts}
    nrn = [arrays[s.type][s.nameindex] for s in secs]
    if cell is None:
        interp.sections.access(nrn[0])
    for sec, ns in zip(secs, nrn):
        if sec.parent is not None:
            ns.connect(nrn[sec.parent](sec.parentx), 0.0)
        pts = sec.used_points()
        if sec.contour:
            pts = contour_to_centroid(pts)
        if len(pts) == 1:
            x, y, z, d = pts[0]
            pts = [(x - d / 2, y, z, d), (x, y, z, d), (x + d / 2, y, z, d)]
        for x, y, z, d in pts:
            ns.pt3dadd(x, y, z, d)


def _has(cell, name: str) -> bool:
    t = type(cell)._hoc_template if isinstance(cell, HocObject) else None
    return t is not None and t.table.get(name) is not None


def _sections_named(interp, cell, name: str) -> list:
    if cell is None:
        sym = interp.top.get(name)
        value = interp.G.get(sym.key) if sym is not None else None
    else:
        t = type(cell)._hoc_template
        sym = t.table.get(name)
        value = cell.__dict__.get(sym.key) if sym is not None else None
    if value is None:
        raise HocError("Import3d: %s was not created" % name)
    return value if isinstance(value, list) else [value]

