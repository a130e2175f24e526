"""Solver passes for LINEAR and NONLINEAR blocks.

LINEAR: each `~ lhs = rhs` is one row of A x = b; the coefficient of unknown x_j is the
linear coefficient of (lhs - rhs) in x_j, and b is minus its value with every unknown at 0.
NONLINEAR: Newton's method on the residuals lhs - rhs (NEURON's scopmath newton with a
finite-difference Jacobian).  The unknowns are the SOLVEFOR names, or the STATEs that
appear in the equations.
"""
from __future__ import annotations

from typing import List

from .. import nodes as N
from ..errors import NmodlError, UnsupportedError
from ..sema.model import Model
from .algebra import decompose, substitute


def _equations(b: N.Block) -> List[N.Equation]:
    return [n for n in b.walk() if isinstance(n, N.Equation)]


def unknowns(m: Model, c: N.Callable) -> List[N.Var]:
    names: List[str] = []
    if c.solvefor:
        names = list(c.solvefor)
    else:
        for eq in _equations(c.body):
            for n in eq.walk():
                if isinstance(n, N.Var):
                    s = m.symbols.get(n.name)
                    if s is not None and s.kind == "state" and n.name not in names:
                        names.append(n.name)
    out = []
    for nm in names:
        s = m.symbols.get(nm)
        if s is None:
            raise NmodlError("SOLVEFOR %s is not declared" % nm, c.loc)
        if s.size is None:
            out.append(N.Var(nm))
        else:
            out += [N.Var(nm, N.Num(float(k), str(k))) for k in range(s.size)]
    if not out:
        raise NmodlError("%s %s has no unknowns" % (c.kind, c.name), c.loc)
    return out


def _rewrite_eqs(b: N.Block, fn) -> N.Block:
    out: List[N.Stmt] = []
    for s in b.stmts:
        if isinstance(s, N.Equation):
            out.extend(fn(s))
        elif isinstance(s, N.Block):
            out.append(_rewrite_eqs(s, fn))
        elif isinstance(s, N.If):
            o = s.orelse
            if isinstance(o, N.Block):
                o = _rewrite_eqs(o, fn)
            elif isinstance(o, N.If):
                o = _rewrite_eqs(N.Block([o]), fn).stmts[0]
            out.append(N.If(s.cond, _rewrite_eqs(s.body, fn), o, loc=s.loc))
        elif isinstance(s, N.FromTo):
            out.append(N.FromTo(s.var, s.start, s.stop, s.step, _rewrite_eqs(s.body, fn), loc=s.loc))
        elif isinstance(s, N.While):
            out.append(N.While(s.cond, _rewrite_eqs(s.body, fn), loc=s.loc))
        else:
            out.append(s)
    return N.Block(out, loc=b.loc)


def _terms(e: N.Expr, sign: int = 1):
    """Top-level additive terms of e as (sign, term)."""
    if isinstance(e, N.BinOp) and e.op in ("+", "-"):
        yield from _terms(e.left, sign)
        yield from _terms(e.right, sign if e.op == "+" else -sign)
    elif isinstance(e, N.UnaryOp) and e.op == "-":
        yield from _terms(e.operand, -sign)
    else:
        yield sign, e


def linear(m: Model, c: N.Callable) -> N.LinearSolve:
    """Each equation is expanded term by term as nocmodl does: a term holding unknown x_j
    adds the term with x_j replaced by 1.0 to column j, other terms go to the right-hand
    side; the system is then solved by Gaussian elimination (simeq)."""
    xs = unknowns(m, c)
    col = {}
    for j, x in enumerate(xs):
        col[(x.name, _index_key(x.index))] = j
    names = {x.name for x in xs}
    row = [0]

    def fn(eq: N.Equation):
        r = N.Num(float(row[0]), str(row[0]))
        row[0] += 1
        out: List[N.Stmt] = []
        for side, e in ((1, eq.lhs), (-1, eq.rhs)):
            for sign, term in _terms(e):
                hits = [n for n in term.walk() if isinstance(n, N.Var) and n.name in names]
                if not hits:
                    op = "+=" if sign * side > 0 else "-="
                    out.append(N.RhsElm(r, op, term))
                    continue
                if len(hits) > 1:
                    raise NmodlError("nonlinear term in a LINEAR equation", eq.loc)
                hit = hits[0]
                j = col.get((hit.name, _index_key(hit.index)))
                if j is None:
                    raise UnsupportedError("array unknowns with computed indices in LINEAR", eq.loc)
                coef = substitute(term, lambda v: N.Num(1.0, "1.0") if v is hit else None)
                op = "-=" if sign * side > 0 else "+="
                out.append(N.MatElm(r, N.Num(float(j), str(j)), op, coef))
        return out

    body = _rewrite_eqs(c.body, fn)
    if row[0] != len(xs):
        raise NmodlError("%s %s has %d equations for %d unknowns" % (c.kind, c.name, row[0], len(xs)),
                         c.loc)
    return N.LinearSolve(xs, body, loc=c.loc)


def _index_key(e):
    if e is None:
        return None
    if isinstance(e, N.Num):
        return int(e.value)
    return "?"


def nonlinear(m: Model, c: N.Callable) -> N.NewtonSolve:
    xs = unknowns(m, c)
    k = [0]

    def fn(eq: N.Equation):
        r = N.Residual(k[0], N.BinOp("-", N.Paren(eq.lhs), N.Paren(eq.rhs)), loc=eq.loc)
        k[0] += 1
        return [r]

    body = _rewrite_eqs(c.body, fn)
    if k[0] != len(xs):
        raise NmodlError("%s %s has %d equations for %d unknowns" % (c.kind, c.name, k[0], len(xs)),
                         c.loc)
    return N.NewtonSolve(xs, body, kind="newton", loc=c.loc)
