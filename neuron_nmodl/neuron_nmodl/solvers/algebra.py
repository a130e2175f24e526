"""Symbolic helpers on expression trees.

`decompose(expr, state)` splits an expression into NEURON's (nocmodl's) four parts: the
expression itself, its derivative d/dstate, and the `a*state + b` form of an expression
linear in the state.  It follows nocmodl's rules term by term (including where it gives
up), so the cnexp update and the CVODE diagonal come out as the same floating-point
operations in the same order as NEURON's generated code.  `None` stands for nocmodl's
"0.0" (absent part).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .. import nodes as N


@dataclass
class Parts:
    d: Optional[N.Expr]   # derivative with respect to the state
    a: Optional[N.Expr]   # coefficient of the state (linear form)
    b: Optional[N.Expr]   # the rest (linear form)


class Decomposition:
    def __init__(self, state: str):
        self.state = state
        self.d_invalid = False   # derivative not available (state inside a call or divisor)
        self.eq_invalid = False  # not linear in the state

    def run(self, e: N.Expr) -> Parts:
        if isinstance(e, N.Var) and e.name == self.state:
            one = N.Num(1.0, "1.0")
            return Parts(one, N.Num(1.0, "1.0"), None)
        if isinstance(e, (N.Num, N.Var, N.Str)):
            return Parts(None, None, e)
        if isinstance(e, N.Paren):
            p = self.run(e.expr)
            return Parts(_paren(p.d), _paren(p.a), _paren(p.b))
        if isinstance(e, N.Call):
            for arg in e.args:
                if self.run(arg).d is not None:
                    self.d_invalid = True
                    self.eq_invalid = True
            return Parts(None, None, e)
        if isinstance(e, N.UnaryOp):
            p = self.run(e.operand)
            if e.op != "-":
                if p.d is not None:
                    self.d_invalid = self.eq_invalid = True
                return Parts(None, None, e)
            return Parts(_neg(p.d), _neg(p.a), _neg(p.b))
        if isinstance(e, N.BinOp):
            if e.op in ("+", "-"):
                l, r = self.run(e.left), self.run(e.right)
                return Parts(_addsub(e.op, l.d, r.d), _addsub(e.op, l.a, r.a),
                             _addsub(e.op, l.b, r.b))
            if e.op == "*":
                l, r = self.run(e.left), self.run(e.right)
                if l.d is not None and r.d is not None:
                    d = N.Paren(N.BinOp("+", _mul(l.d, e.right), _mul(e.left, r.d)))
                elif l.d is not None:
                    d = _mul(l.d, e.right)
                elif r.d is not None:
                    d = _mul(e.left, r.d)
                else:
                    d = None
                a = None
                if l.a is not None and r.a is not None:
                    self.eq_invalid = True
                elif l.a is not None:
                    if r.b is not None:
                        a = _mul(l.a, r.b)
                elif r.a is not None:
                    if l.b is not None:
                        a = _mul(l.b, r.a)
                b = _mul(l.b, r.b) if (l.b is not None and r.b is not None) else None
                return Parts(d, a, b)
            if e.op == "/":
                l, r = self.run(e.left), self.run(e.right)
                d = a = b = None
                if r.d is not None:
                    self.d_invalid = True
                elif l.d is not None:
                    d = N.BinOp("/", N.Paren(l.d), e.right)
                if r.a is not None:
                    self.eq_invalid = True
                elif l.a is not None:
                    a = N.BinOp("/", N.Paren(l.a), e.right)
                if l.b is not None:
                    b = N.BinOp("/", N.Paren(l.b), e.right)
                return Parts(d, a, b)
            # '^' and logical operators: nocmodl turns '^' into pow(), a call
            l, r = self.run(e.left), self.run(e.right)
            if l.d is not None or r.d is not None:
                self.d_invalid = self.eq_invalid = True
            return Parts(None, None, e)
        raise TypeError("cannot decompose %r" % (e,))


def _paren(x):
    return N.Paren(x) if x is not None else None


def _neg(x):
    return N.UnaryOp("-", x) if x is not None else None


def _mul(x, y):
    return N.BinOp("*", N.Paren(x), N.Paren(y))


def _addsub(op, x, y):
    if x is not None and y is not None:
        return N.BinOp(op, x, y)
    if x is not None:
        return x
    if y is not None:
        return N.Paren(N.UnaryOp("-", y)) if op == "-" else y
    return None


def decompose(e: N.Expr, state: str):
    """(Parts, d_invalid, eq_invalid) of `e` with respect to `state`."""
    dec = Decomposition(state)
    parts = dec.run(e)
    return parts, dec.d_invalid, dec.eq_invalid


def mentions(e: N.Node, names) -> bool:
    return any(isinstance(n, N.Var) and n.name in names for n in e.walk())


def substitute(e: N.Expr, fn) -> N.Expr:
    """A copy of `e` with every Var (or PastValue) v replaced by fn(v) (None keeps v)."""
    if isinstance(e, N.Var):
        r = fn(e)
        if r is not None:
            return r
        return N.Var(e.name, substitute(e.index, fn) if e.index is not None else None, loc=e.loc)
    if isinstance(e, (N.Num, N.Str)):
        return e
    if isinstance(e, N.Paren):
        return N.Paren(substitute(e.expr, fn), loc=e.loc)
    if isinstance(e, N.UnaryOp):
        return N.UnaryOp(e.op, substitute(e.operand, fn), loc=e.loc)
    if isinstance(e, N.BinOp):
        return N.BinOp(e.op, substitute(e.left, fn), substitute(e.right, fn), loc=e.loc)
    if isinstance(e, N.Call):
        return N.Call(e.name, [substitute(a, fn) for a in e.args], loc=e.loc)
    if isinstance(e, N.PastValue):
        r = fn(e)
        return r if r is not None else e
    if isinstance(e, N.Prime):
        return e
    raise TypeError("cannot substitute in %r" % (e,))
