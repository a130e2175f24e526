"""SWC morphology files as Import3d sections, with NEURON's Import3d_SWC_read rules.

Sections are unbranched runs of points of one type.  A child section starts with a copy of
its parent point (for a non-soma child of the soma, with the child's own first diameter).
A one-point soma (or NeuroMorpho's three-point soma of length = diameter) is a sphere; its
children connect at 0.5 "by wire" (their copied first point is not used).  Children of the
root's first point connect at 0; others at 1, or 0.5 for the interior of a soma.
"""
from __future__ import annotations

import math
from typing import List

from ..errors import HocError
from .section import Morphology, Section3d


def read_swc(path: str, quiet: bool = False) -> Morphology:
    rows = []
    header = []
    try:
        with open(path, "r", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        raise HocError("could not open %s" % path) from None
    for lineno, text in enumerate(lines, 1):
        parts = text.split()
        if len(parts) == 7:
            try:
                vals = [float(p) for p in parts]
            except ValueError:
                vals = None
            if vals is not None:
                vals[5] *= 2.0                 # radius -> diameter
                rows.append((vals, lineno))
                continue
        if text.strip().startswith("#"):
            header.append(text)
        elif text.strip():
            raise HocError("error %s line %d: could not parse: %s" % (path, lineno, text))
    rows.sort(key=lambda r: r[0][0])
    m = Morphology("SWC", header)
    if not rows:
        return m
    ident = [r[0][0] for r in rows]
    for k in range(1, len(ident)):
        if ident[k] == ident[k - 1]:
            raise HocError("error %s: duplicate id %g" % (path, ident[k]))
    index = {v: k for k, v in enumerate(ident)}
    typ = [int(r[0][1]) for r in rows]
    x = [r[0][2] for r in rows]
    y = [r[0][3] for r in rows]
    z = [r[0][4] for r in rows]
    d = [r[0][5] for r in rows]
    parent = []
    for k, (vals, lineno) in enumerate(rows):
        pid = vals[6]
        if pid >= vals[0]:
            raise HocError("error %s line %d: pid=%g is not less than id=%g"
                           % (path, lineno, pid, vals[0]))
        parent.append(index.get(pid, -1) if pid >= 0 else -1)
        if pid >= 0 and pid not in index:
            raise HocError("error %s line %d: parent %g does not exist" % (path, lineno, pid))
    return _sectionify(m, typ, x, y, z, d, parent)


def _sectionify(m: Morphology, typ, x, y, z, d, parent) -> Morphology:
    n = len(typ)
    nchild = [0.0] * n
    connect2prox = [False] * n
    for i in range(n):
        p = parent[i]
        if p < 0:
            continue
        nchild[p] += 1
        if p != i - 1:
            nchild[p] += 0.01
            if p > 1 and typ[p] != 1 and parent[p] >= 0 and typ[parent[p]] == 1:
                connect2prox[i] = True
                nchild[p] = 1
        if typ[p] != typ[i]:
            nchild[p] += 0.01
    nchild_soma = [0] * n
    nsoma = 1 if typ[0] == 1 else 0
    for i in range(1, n):
        if typ[i] == 1:
            nsoma += 1
            p = parent[i]
            if p >= 0 and typ[p] == 1:
                nchild_soma[p] += 1
    soma3 = _soma3geom(nsoma, typ, x, y, z, d, parent, nchild)
    if soma3:
        parent[2] = 1
    for i in range(n - 1):
        if typ[i] == 1 and typ[i + 1] == 1 and parent[i + 1] == i:
            if not (i != 0 and nchild_soma[i] > 1):
                nchild[i] = 1
    ends = [i for i in range(n) if nchild[i] != 1]
    point2sec = [0] * n
    si = 0
    for i in range(1, n):
        if i > ends[si]:
            si += 1
        point2sec[i] = si
    secs: List[Section3d] = []
    first = 0
    isec = 0
    for i in range(n + 1):
        if i == n or point2sec[i] > isec:
            secs.append(_make(secs, first, i, typ, x, y, z, d, parent, point2sec, nchild_soma,
                              soma3, connect2prox))
            isec += 1
            first = i
    m.sections = secs
    return m


def _soma3geom(nsoma, typ, x, y, z, d, parent, nchild) -> bool:
    """NeuroMorpho's three-point soma: root in the middle, two points at +-r, same
    diameter, no children on the two outer points: treated as a sphere."""
    if nsoma != 3 or len(typ) < 3 or parent[1] != 0 or parent[2] != 0:
        return False
    if nchild[1] != 0 or nchild[2] != 0:
        return False
    if d[1] != d[0] or d[2] != d[0]:
        return False
    length = 0.0
    for i in (1, 2):
        length += math.sqrt((x[i] - x[0]) ** 2 + (y[i] - y[0]) ** 2 + (z[i] - z[0]) ** 2)
    return abs(length / d[0] - 1) < 0.01


def _make(secs, first, end, typ, x, y, z, d, parent, point2sec, nchild_soma, soma3,
          connect2prox) -> Section3d:
    if not secs:
        last = 1 if soma3 else end
        pts = [(x[k], y[k], z[k], d[k]) for k in range(first, last)]
        sec = Section3d(typ[first], pts, first_point=first)
        return sec
    p = parent[first]
    psec_index = point2sec[p]
    psec = secs[psec_index]
    pts = [(x[p], y[p], z[p], d[p])] + [(x[k], y[k], z[k], d[k]) for k in range(first, end)]
    sec = Section3d(typ[first], pts, first_point=first)
    sec.parent = psec_index
    den_con_soma = psec.type == 1 and typ[first] != 1
    con_soma = psec.type == 1
    handled = False
    if psec_index == 0:
        handled = True
        if den_con_soma and len(psec.points) == 1:
            sec.parentx = 0.5
            if end - first > 1:
                sec.first = 1
        elif p == psec.first_point:
            sec.parentx = 0.0
            if typ[first] != 1 and nchild_soma[p] > 1:
                sec.first = 1
        else:
            handled = False
    if not handled and con_soma:
        offset = -1 if psec.first_point == 0 else -2
        if p < psec.first_point + len(psec.points) + offset:
            sec.parentx = 0.5
            if den_con_soma and end - first > 1:
                sec.first = 1
        elif end - first > 1 and nchild_soma[p] > 1 and typ[first] != 1:
            sec.first = 1
    if psec.type == 1 and sec.type != 1:
        px, py, pz, _ = sec.points[0]
        sec.points[0] = (px, py, pz, sec.points[1][3])
    if connect2prox[first]:
        sec.parentx = 0.0
    return sec

