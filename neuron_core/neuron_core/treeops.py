"""Queries over the section tree: path distance, topology printout, deleting sections."""
from __future__ import annotations

import sys
from typing import List, Optional, Tuple

from .errors import NeuronError
from .model import model


def _attach_position(sec) -> Optional[Tuple[object, float]]:
    """(parent, distance from the parent's attachment end to the node sec hangs from)."""
    p = sec._parent
    if p is None or p._deleted:
        return None
    return p, _local(p, _node_x(p, sec._parentx))


def _local(sec, x: float) -> float:
    """Distance (um) from the section's attachment end to x."""
    return sec.L * (1.0 - x if sec._childend == 1.0 else x)


def _node_x(sec, x: float) -> float:
    """The position of the node x belongs to: its segment's centre, or an end (NEURON measures
    distances between nodes)."""
    if x <= 0.0 or x >= 1.0:
        return 0.0 if x <= 0.0 else 1.0
    return (sec._seg_index(x) + 0.5) / sec._nseg


def _chain(sec, x: float) -> List[Tuple[object, float]]:
    out = [(sec, _local(sec, _node_x(sec, x)))]
    cur = sec
    while True:
        nxt = _attach_position(cur)
        if nxt is None:
            return out
        out.append(nxt)
        cur = nxt[0]


def path_distance(sec1, x1: float, sec2, x2: float) -> float:
    """Length of the tree path between two points (um); 1e20 when in different trees."""
    c1 = _chain(sec1, x1)
    c2 = _chain(sec2, x2)
    pos2 = {id(s): (k, d) for k, (s, d) in enumerate(c2)}
    up1 = 0.0
    for k, (s, d) in enumerate(c1):
        if id(s) in pos2:
            k2, d2 = pos2[id(s)]
            up2 = sum(c2[i][1] for i in range(k2))
            return up1 + up2 + abs(d - d2)
        up1 += d
    return 1e20


class DistanceOrigin:
    def __init__(self):
        self.origin = None  # (sec, x)

    def set(self, sec, x: float) -> None:
        self.origin = (sec, float(x))

    def measure(self, sec, x: float) -> float:
        if self.origin is None or self.origin[0]._deleted:
            raise NeuronError("Distance origin not valid. Need to initialize origin with distance()")
        return path_distance(self.origin[0], self.origin[1], sec, x)


distance_origin = DistanceOrigin()


def topology(out=None) -> float:
    """Print the tree as NEURON's topology() does: one line per section, children indented to
    the column of the point they hang from."""
    out = out or sys.stdout
    out.write("\n")
    for sec in model.sections():
        if sec._parent is None:
            _print_tree(sec, None, out)
    out.write("\n")
    return 1.0


def _column(sec, start: int, x: float) -> int:
    """Column of x on a printed section whose first segment is at `start`."""
    n = sec._nseg
    if x == 1.0:
        return start + n
    if x == 0.0:
        return start - 1
    return start + sec._seg_index(x)


def _print_tree(sec, col, out) -> None:
    n = sec._nseg
    ends = "(1-0)" if sec._childend == 1.0 else "(0-1)"
    if col is None:
        line = "|" + "-" * n + "|"
        start = 1
    else:
        line = " " * col + "`" + "-" * (n - 1) + "|"
        start = col
    out.write("%s       %s%s\n" % (line, sec.name(), ends))
    for ch in reversed(sec.children()):
        _print_tree(ch, _column(sec, start, ch._parentx) + 1, out)


def delete_section(sec) -> None:
    if sec._deleted:
        raise NeuronError("section already deleted")
    for ch in sec.children():
        ch.disconnect()
    sec._release()
