"""fmatrix(): the current tree matrix, as NEURON prints and returns it.

`a` is a node's effect on its parent's equation and `b` the parent's effect on the node's (both
S/cm2 in NEURON's scaling), `d` the diagonal and `rhs` the right-hand side as the last matrix
setup or solve left them (after fadvance: triangularized, and rhs holding the voltage change).
"""
from __future__ import annotations

import sys

from .errors import NeuronError
from .model import model


def fmatrix(*args, sec=None) -> float:
    """fmatrix(): print "node b a d rhs" for every node; fmatrix(x, i) or fmatrix(seg, i):
    a (i=1), d (2), b (3) or rhs (4) of the node at x of the section."""
    from .segment import Segment
    model.ensure_built()
    b = model.built
    if not args:
        out = []
        for i in range(b.nnode):
            out.append("%d %s %s %s %s\n" % (i, _g(b.b[i]), _g(b.a[i]), _g(b.d[i]), _g(b.rhs[i])))
        sys.stdout.write("".join(out))
        return 1.0
    if len(args) != 2:
        raise NeuronError("fmatrix(x, i) or fmatrix(seg, i)")
    where, which = args
    if isinstance(where, Segment):
        s, x = where.sec, where.x
    else:
        s = sec if sec is not None else model.cas()
        x = float(where)
    which = int(which)
    if not 1 <= which <= 4:
        raise NeuronError("fmatrix: the second argument must be 1 (a), 2 (d), 3 (b) or 4 (rhs)")
    nd = b.node_index(s, x)
    arr = (b.a, b.d, b.b, b.rhs)[which - 1]
    return float(arr[nd])


def _g(x: float) -> str:
    return "%g" % x
