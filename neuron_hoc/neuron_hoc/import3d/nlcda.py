"""Neurolucida ASCII (.asc) files as Import3d sections.

The file is a list of S-expressions: a soma outline `("CellBody" (Closed) (x y z d) ...)`
and trees `((Dendrite) (x y z d) ... ( branch | branch ))`.  A tree's unbranched runs
become sections; a branch starts with a copy of its parent's last point; each tree's root
section connects to the soma's centre.  Markers, spines and text are ignored.
"""
from __future__ import annotations

import re
from typing import List, Optional

from ..errors import HocError
from .section import Morphology, Point, Section3d

_TOKEN = re.compile(r'\s*(?:(;[^\n]*)|(\()|(\))|(\|)|("(?:[^"\\]|\\.)*")|([^\s()|;"]+))')
_KINDS = {"cellbody": 1, "axon": 2, "dendrite": 3, "apical": 4}


def _parse(text: str, path: str) -> list:
    stack: List[list] = [[]]
    pos = 0
    n = len(text)
    while pos < n:
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise HocError("%s: can not read near %r" % (path, text[pos:pos + 20]))
        pos = m.end()
        comment, lp, rp, bar, string, word = m.groups()
        if comment is not None:
            continue
        if lp:
            stack.append([])
        elif rp:
            if len(stack) == 1:
                raise HocError("%s: unbalanced ')'" % path)
            done = stack.pop()
            stack[-1].append(done)
        elif bar:
            stack[-1].append("|")
        elif string is not None:
            stack[-1].append(string[1:-1])
        elif word is not None:
            stack[-1].append(word)
    if len(stack) != 1:
        raise HocError("%s: unbalanced '('" % path)
    return stack[0]


def _point(item) -> Optional[Point]:
    if isinstance(item, list) and len(item) >= 4 and all(isinstance(v, str) for v in item[:4]):
        try:
            x, y, z, d = (float(v) for v in item[:4])
        except ValueError:
            return None
        return (x, y, z, d)
    return None


def _kind(expr: list) -> Optional[int]:
    for item in expr[:4]:
        if isinstance(item, str) and item.lower() == "cellbody":
            return 1
        if isinstance(item, list) and len(item) == 1 and isinstance(item[0], str):
            k = _KINDS.get(item[0].lower())
            if k is not None:
                return k
    return None


def read_nlcda(path: str) -> Morphology:
    try:
        with open(path, "r", errors="replace") as f:
            text = f.read()
    except OSError:
        raise HocError("could not open %s" % path) from None
    m = Morphology("Neurolucida", [])
    m.nlines = text.count("\n")
    soma: Optional[Section3d] = None
    trees = []
    for expr in _parse(text, path):
        if not isinstance(expr, list):
            continue
        kind = _kind(expr)
        if kind == 1:
            pts = [p for p in (_point(i) for i in expr) if p is not None]
            if pts and soma is None:
                soma = Section3d(1, pts)
                soma.contour = len(pts) > 2
        elif kind is not None:
            trees.append((kind, expr))
    if soma is not None:
        m.sections.append(soma)
    for kind, expr in trees:
        _tree(m.sections, kind, expr, None, 0 if soma is not None else None)
    return m


def _tree(secs: List[Section3d], kind: int, expr: list, start: Optional[Point],
          parent: Optional[int]) -> None:
    """One run of points, then its branches (lists separated by '|')."""
    pts: List[Point] = [start] if start is not None else []
    branches: List[list] = []
    for item in expr:
        p = _point(item)
        if p is not None:
            if branches:
                break
            pts.append(p)
        elif isinstance(item, list) and item and _point(item) is None and _is_branching(item):
            branches = _split(item)
    own = pts[1:] if start is not None else pts
    if not own:
        return
    if start is not None:           # the copied parent point takes the branch's diameter
        pts[0] = (start[0], start[1], start[2], own[0][3])
    sec = Section3d(kind, pts)
    if parent is not None:
        sec.parent = parent
        sec.parentx = 1.0 if start is not None else 0.5
    index = len(secs)
    secs.append(sec)
    for b in branches:
        _tree(secs, kind, b, pts[-1], index)


def _is_branching(item: list) -> bool:
    return any(_point(i) is not None for i in item) or "|" in item


def _split(item: list) -> List[list]:
    out: List[list] = [[]]
    for i in item:
        if i == "|":
            out.append([])
        else:
            out[-1].append(i)
    return [b for b in out if any(_point(i) is not None for i in b)]
