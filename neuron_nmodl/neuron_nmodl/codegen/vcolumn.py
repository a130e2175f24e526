"""Whether a mechanism's per-instance `v` column is ever read outside the loops that set it.

Each callback over instances (INITIAL, currents, states, CVODE) starts from the node's
membrane potential.  NEURON keeps it in the instance data, where NET_RECEIVE code, FUNCTIONs
and VERBATIM code can read it later; when none of them does, the callbacks keep v in a C
local instead, which saves a store per instance and per callback.
"""
from __future__ import annotations

from .. import nodes as N
from ..sema.model import Model

# callables emitted as C functions of their own: they read v from the column
_SEPARATE = ("FUNCTION", "PROCEDURE", "LINEAR", "NONLINEAR")


def _reads_v(body: N.Node, params=()) -> bool:
    if "v" in params:
        return False
    for n in body.walk():
        if isinstance(n, N.Var) and n.name == "v":
            return True
        if isinstance(n, N.LocalDecl) and any(name == "v" for name, _ in n.names):
            return True   # conservative: which references it shadows is not tracked
    return False


def v_column_live(m: Model) -> bool:
    if m.verbatim_top or any(isinstance(n, N.Verbatim) or isinstance(n, N.Lag) and n.name == "v"
                             for n in m.program.walk()):
        return True   # (LAG v: the column's address names the instance's history)
    for c in m.callables.values():
        if c.kind in _SEPARATE and c.body is not None and _reads_v(c.body,
                                                                   [p.name for p in c.params]):
            return True
    for blk in (m.net_receive, m.constructor, m.destructor):
        if blk is not None and blk.body is not None and _reads_v(blk.body):
            return True
    return False
