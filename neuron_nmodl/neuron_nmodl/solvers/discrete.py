"""DISCRETE blocks: difference equations advanced once per time step (SOLVE name, no METHOD).

`a@k` is the value STATE a had k steps back.  As in nocmodl's generated code, each lagged
STATE has one history `__a` of depth max(k) (times the array size) for the whole mechanism,
shared by its instances; on entry to the block the history moves one step back and its
first entry takes the instance's current value; INITIAL fills it with the STATE's initial
value `a0`.  Each execution of the SOLVE first advances t by dt (nocmodl's `t += dt;
dis();`), so with n instances t gains n*dt per step beyond the step's own dt, as in NEURON.
"""
from __future__ import annotations

from typing import Dict, List

from .. import nodes as N
from ..sema.model import FILELOCAL, Model, Symbol
from .algebra import substitute


def _num(k: int) -> N.Num:
    return N.Num(float(k), str(k))


def _history(m: Model, name: str, size: int) -> Symbol:
    """The mechanism's history array of STATE `name` (a file-level static, as nocmodl's)."""
    hist = "__" + name
    s = m.symbols.get(hist)
    if s is None:
        s = Symbol(hist, "work", FILELOCAL, size=size)
        m.symbols[hist] = s
        m.file_locals.append((hist, size))
    return s


def lower(m: Model, c: N.Callable) -> N.Block:
    """The statements executing DISCRETE block `c` once."""
    depth: Dict[str, int] = {}
    for n in c.body.walk():
        if isinstance(n, N.PastValue):
            depth[n.name] = max(depth.get(n.name, 0), n.lag)
    shift: List[N.Stmt] = []
    for name, d in depth.items():
        dim = m.symbols[name].size or 1
        _history(m, name, d * dim)
        m.discrete_history[name] = (d, dim)
        h = "__" + name
        for k in range(d - 1, 0, -1):
            for j in range(dim):
                shift.append(N.Assign(N.Var(h, _num(k * dim + j)), N.Var(h, _num((k - 1) * dim + j))))
        for j in range(dim):
            cur = N.Var(name, _num(j) if m.symbols[name].size else None)
            shift.append(N.Assign(N.Var(h, _num(j)), cur))

    def past(v):
        if not isinstance(v, N.PastValue):
            return None
        dim = m.symbols[v.name].size or 1
        base = _num((v.lag - 1) * dim)
        idx = base if v.index is None else N.BinOp("+", base, N.Paren(substitute(v.index, past)))
        return N.Var("__" + v.name, idx, loc=v.loc)

    advance = [N.Assign(N.Var("t"), N.BinOp("+", N.Var("t"), N.Var("dt")))]
    return N.Block(advance + shift + _map_block(c.body, past).stmts, loc=c.body.loc)


def _map_block(b: N.Block, fn) -> N.Block:
    return N.Block([_map_stmt(s, fn) for s in b.stmts], loc=b.loc)


def _map_stmt(s: N.Stmt, fn) -> N.Stmt:
    if isinstance(s, N.Assign):
        return N.Assign(s.target, substitute(s.value, fn), loc=s.loc)
    if isinstance(s, N.ExprStmt):
        return N.ExprStmt(substitute(s.expr, fn), loc=s.loc)
    if isinstance(s, N.Block):
        return _map_block(s, fn)
    if isinstance(s, N.If):
        o = s.orelse
        o = _map_stmt(o, fn) if o is not None else None
        return N.If(substitute(s.cond, fn), _map_block(s.body, fn), o, loc=s.loc)
    if isinstance(s, N.While):
        return N.While(substitute(s.cond, fn), _map_block(s.body, fn), loc=s.loc)
    if isinstance(s, N.FromTo):
        step = substitute(s.step, fn) if s.step is not None else None
        return N.FromTo(s.var, substitute(s.start, fn), substitute(s.stop, fn), step,
                        _map_block(s.body, fn), loc=s.loc)
    return s
