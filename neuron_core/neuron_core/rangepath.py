"""The path between two points of a cell as NEURON's space plot walks it (spaceplt.cpp): every
node from the begin point up to the node the two share nearest the root, then down to the end
point, each with its section, its position x in that section and its signed distance from that
shared node (float32, as NEURON keeps them).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

import numpy as np

from .errors import NeuronError
from .model import model

f32 = np.float32


@dataclass
class PathPoint:
    sec: object
    x: float      # float32 position in sec
    len: float    # float32 distance along the path, negative before the shared node


def _attach_node(b, sec) -> int:
    return int(b.node_index(sec, 1.0 if sec._childend == 1.0 else 0.0))


def node_dist(b, sec, nd: int) -> float:
    """Distance (um) of node nd from the attachment end of sec."""
    if sec is None or nd == _attach_node(b, sec):
        return 0.0
    k = nd - sec._node0
    if k == sec._nseg:
        return sec.L
    return (k + 0.5) / sec._nseg * sec.L


def arc_position(b, sec, nd: int) -> float:
    """x of node nd in sec (0 and 1 are the ends, whatever the section's orientation)."""
    if nd == _attach_node(b, sec):
        ratio = 0.0
    else:
        k = nd - sec._node0
        ratio = 1.0 if k == sec._nseg else (k + 0.5) / sec._nseg
    return 1.0 - ratio if sec._childend == 1.0 else ratio


def trueparent(b, sec):
    """The section that owns sec's attachment node (None when it is a root node)."""
    nd = _attach_node(b, sec)
    p = sec._parent
    while p is not None and _attach_node(b, p) == nd:
        p = p._parent
    return p


def distances_to_root(b) -> np.ndarray:
    """Path distance (um) of every node from its cell's root node."""
    dist = np.zeros(max(b.nnode, 1))
    for s in b.sections:
        base = dist[b.parent[s._node0]]
        n, n0 = s._nseg, s._node0
        dist[n0:n0 + n] = base + (np.arange(n) + 0.5) / n * s.L
        dist[n0 + n] = base + s.L
    return dist


def shared_node(b, n1: int, n2: int) -> Optional[int]:
    ancestors = set()
    nd = n1
    while nd >= 0:
        ancestors.add(nd)
        nd = int(b.parent[nd])
    nd = n2
    while nd >= 0:
        if nd in ancestors:
            return nd
        nd = int(b.parent[nd])
    return None


def walk(sec1, x1: float, sec2, x2: float) -> Tuple[List[PathPoint], float]:
    """The path from sec1(x1) to sec2(x2) and the distance of its shared node from the root."""
    model.ensure_built()
    b = model.built
    nd1 = int(b.node_index(sec1, float(f32(x1))))
    nd2 = int(b.node_index(sec2, float(f32(x2))))
    root = shared_node(b, nd1, nd2)
    if root is None:
        raise NeuronError("SpacePlot: No path from begin to end points")
    dist_root = distances_to_root(b)
    d2r = dist_root[nd1] - dist_root[root]
    total = d2r + dist_root[nd2] - dist_root[root]
    up: List[PathPoint] = []
    nd, sec = nd1, sec1
    d = -d2r + node_dist(b, sec, nd)
    while nd != root:
        x = node_dist(b, sec, nd)
        up.append(PathPoint(sec, f32(arc_position(b, sec, nd)), f32(d - x)))
        if x == 0.0:
            sec = trueparent(b, sec)
            d += node_dist(b, sec, nd)
        nd = int(b.parent[nd])
    if sec is None:
        sec = _section_at(b, nd)
    up.append(PathPoint(sec, f32(arc_position(b, sec, nd)), f32(0.0)))
    down: List[PathPoint] = []
    nd, sec = nd2, sec2
    d = total - d2r - node_dist(b, sec, nd)
    while nd != root:
        x = node_dist(b, sec, nd)
        down.append(PathPoint(sec, f32(arc_position(b, sec, nd)), f32(d + x)))
        if x == 0.0:
            sec = trueparent(b, sec)
            d -= node_dist(b, sec, nd)
        nd = int(b.parent[nd])
    return up + down[::-1], float(dist_root[root])


def _section_at(b, nd: int):
    """A section attached at node nd (NEURON's nd->child)."""
    for s in b.sections:
        if _attach_node(b, s) == nd:
            return s
    raise NeuronError("SpacePlot: no section at the shared node")
