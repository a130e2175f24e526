"""Solver passes for DERIVATIVE blocks: cnexp, derivimplicit, euler, runge, and the CVODE
forms (ode_spec: the derivatives; ode_matsol: the diagonal solve).

Each pass returns a new statement list (the DERIVATIVE block body rewritten), never
touching the original tree.
"""
from __future__ import annotations

import copy
from typing import List, Optional, Tuple

from .. import nodes as N
from ..sema.model import Model
from .algebra import decompose

ONE = "1.0"


def _num(x: float, text: str = "") -> N.Num:
    return N.Num(x, text or repr(x))


def prime_equations(body: N.Block) -> List[N.Assign]:
    return [n for n in body.walk() if isinstance(n, N.Assign) and isinstance(n.target, N.Prime)]


def state_list(m: Model, body: N.Block) -> Tuple[List[N.Var], List[N.Var]]:
    """States (with derivative equations, in order of first appearance) and their D columns,
    array states expanded element by element."""
    names: List[str] = []
    for eq in prime_equations(body):
        if eq.target.name not in names:
            names.append(eq.target.name)
    states, dstates = [], []
    for nm in names:
        size = m.symbols[nm].size
        if size is None:
            states.append(N.Var(nm))
            dstates.append(N.Var("D" + nm))
        else:
            for k in range(size):
                states.append(N.Var(nm, _num(k, str(k))))
                dstates.append(N.Var("D" + nm, _num(k, str(k))))
    return states, dstates


def _map_stmts(b: N.Block, fn) -> N.Block:
    """Copy of a block with fn applied to every Assign to a Prime (fn returns a list)."""
    out: List[N.Stmt] = []
    for s in b.stmts:
        if isinstance(s, N.Assign) and isinstance(s.target, N.Prime):
            out.extend(fn(s))
        elif isinstance(s, N.Block):
            out.append(_map_stmts(s, fn))
        elif isinstance(s, N.If):
            out.append(_map_if(s, fn))
        elif isinstance(s, N.While):
            out.append(N.While(s.cond, _map_stmts(s.body, fn), loc=s.loc))
        elif isinstance(s, N.FromTo):
            out.append(N.FromTo(s.var, s.start, s.stop, s.step, _map_stmts(s.body, fn), loc=s.loc))
        else:
            out.append(s)
    return N.Block(out, loc=b.loc)


def _map_if(s: N.If, fn) -> N.If:
    orelse = s.orelse
    if isinstance(orelse, N.If):
        orelse = _map_if(orelse, fn)
    elif isinstance(orelse, N.Block):
        orelse = _map_stmts(orelse, fn)
    return N.If(s.cond, _map_stmts(s.body, fn), orelse, loc=s.loc)


def to_dstate(eq: N.Assign) -> N.Assign:
    t = eq.target
    return N.Assign(N.Var("D" + t.name, t.index, loc=t.loc), eq.value, loc=eq.loc)


def spec_body(body: N.Block) -> N.Block:
    """The DERIVATIVE body with x' = f turned into Dx = f (CVODE's ode_spec, euler, runge)."""
    return _map_stmts(body, lambda eq: [to_dstate(eq)])


# ---------------------------------------------------------------------------- cnexp

def cnexp_update(eq: N.Assign) -> Optional[N.CnexpUpdate]:
    """x' = f  ->  x = x + (1 - exp(dt*A))*(-B/A - x), nocmodl's form; None if impossible."""
    t = eq.target
    x = N.Var(t.name, t.index, loc=t.loc)
    parts, d_invalid, eq_invalid = decompose(eq.value, t.name)
    if d_invalid:
        return None
    dt = N.Var("dt")
    if parts.d is None:
        b = parts.b if parts.b is not None else _num(0.0, "0.0")
        return N.CnexpUpdate(x, euler=b, loc=eq.loc)
    arg = N.BinOp("*", dt, N.Paren(parts.d))
    if eq_invalid:
        return N.CnexpUpdate(x, arg=arg, loc=eq.loc)
    b = parts.b if parts.b is not None else _num(0.0, "0.0")
    a = parts.a if parts.a is not None else _num(0.0, "0.0")
    goal = N.BinOp("/", N.UnaryOp("-", N.Paren(b)), N.Paren(a))
    return N.CnexpUpdate(x, arg=arg, goal=goal, loc=eq.loc)


def cnexp(body: N.Block) -> Optional[N.Block]:
    """The cnexp form of a DERIVATIVE body, or None when an equation is not differentiable in
    its state (NEURON then falls back to derivimplicit)."""
    failed = []

    def fn(eq):
        r = cnexp_update(eq)
        if r is None:
            failed.append(eq)
            return [eq]
        return [r]

    out = _map_stmts(body, fn)
    return None if failed else out


# ---------------------------------------------------------------------------- implicit

def derivimplicit(m: Model, body: N.Block) -> N.NewtonSolve:
    states, dstates = state_list(m, body)
    return N.NewtonSolve(states, spec_body(body), kind="derivimplicit", dstates=dstates,
                         nderiv=len(states), loc=body.loc)


def euler(m: Model, body: N.Block) -> N.Block:
    states, dstates = state_list(m, body)
    stmts = list(spec_body(body).stmts)
    for x, d in zip(states, dstates):
        stmts.append(N.Assign(copy.copy(x), N.BinOp("+", x, N.BinOp("*", N.Var("dt"), d))))
    return N.Block(stmts, loc=body.loc)


def runge(m: Model, body: N.Block) -> N.RungeKutta:
    states, dstates = state_list(m, body)
    return N.RungeKutta(states, dstates, spec_body(body), loc=body.loc)


# ---------------------------------------------------------------------------- CVODE

def matsol_body(body: N.Block) -> N.Block:
    """Dx = Dx / (1 - dt*(df/dx)) for each equation, other statements kept (nocmodl's
    _ode_matsol); numerical df/dx when the symbolic one is not available."""

    def fn(eq: N.Assign):
        t = eq.target
        dvar = N.Var("D" + t.name, t.index, loc=t.loc)
        parts, d_invalid, _ = decompose(eq.value, t.name)
        if not d_invalid:
            deriv = parts.d if parts.d is not None else _num(0.0, "0.0")
        else:
            from .algebra import substitute

            bumped = substitute(eq.value, lambda v: N.Paren(N.BinOp("+", N.Var(v.name, v.index),
                                                                     _num(0.001, ".001")))
                                if v.name == t.name else None)
            deriv = N.BinOp("/", N.Paren(N.BinOp("-", N.Paren(bumped), N.Paren(eq.value))),
                            _num(0.001, ".001"))
        den = N.Paren(N.BinOp("-", _num(1.0, "1."), N.BinOp("*", N.Var("dt"), N.Paren(deriv))))
        return [N.Assign(dvar, N.BinOp("/", dvar, den), loc=eq.loc)]

    return _map_stmts(body, fn)
