"""Solver passes: every SOLVE statement is lowered to the statements that integrate (or
solve) its block, and TABLEs to lookups.  The results live in Model.solve_map, keyed by the
SOLVE node, as Lowered records; the code generator emits them in place of the SOLVE."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .. import nodes as N
from ..errors import NmodlError, UnsupportedError
from ..sema.model import Model
from . import derivative, discrete, kinetic, ldifus, linear
from .table import lower_tables

_AFTER_METHODS = ("after_cvode", "cvode_t", "cvode_t_v")


@dataclass
class Lowered:
    stmt: N.Stmt                       # what to execute in place of the SOLVE
    method: str
    states: List[N.Var] = field(default_factory=list)
    dstates: List[N.Var] = field(default_factory=list)
    implicit: bool = False             # NEURON halves dt under secondorder and extrapolates


def lower(m: Model, warn=None) -> None:
    warn = warn or (lambda s: sys.stderr.write(s + "\n"))
    lower_tables(m)
    m.solve_map = {}
    blocks = [(b.kind, b.body) for b in (m.breakpoint, m.initial) if b is not None]
    blocks += [(c.kind, c.body) for c in list(m.callables.values())
               if c.kind in ("PROCEDURE", "FUNCTION") and c.body is not None]
    for kind, body in blocks:
        for n in body.walk():
            if isinstance(n, N.Solve):
                m.solve_map[id(n)] = lower_solve(m, n, kind, warn)
    _check_net_receive_states(m, blocks)
    _cvode_forms(m)
    m.ldifus = ldifus.collect(m)


def _check_net_receive_states(m: Model, blocks) -> None:
    """nocmodl refuses a NET_RECEIVE that assigns a STATE no SOLVEd DERIVATIVE or KINETIC
    block integrates (it has no place in CVODE's state list) when the mechanism can be used
    with CVODE (its BREAKPOINT SOLVEs, if any, are DERIVATIVE or KINETIC blocks)."""
    if m.net_receive is None:
        return
    for n in m.breakpoint.body.walk() if m.breakpoint is not None else ():
        if isinstance(n, N.Solve) and (m.callables[n.name].kind not in ("DERIVATIVE", "KINETIC")
                                       or n.method in _AFTER_METHODS):
            return
    integrated = set()
    for _, body in blocks:
        for n in body.walk():
            c = m.callables.get(n.name) if isinstance(n, N.Solve) else None
            if c is None or c.kind not in ("DERIVATIVE", "KINETIC"):
                continue
            for x in c.body.walk():
                if isinstance(x, N.Assign) and isinstance(x.target, N.Prime):
                    integrated.add(x.target.name)
                elif isinstance(x, N.Reaction):
                    integrated.update(t.name for t in x.lhs + x.rhs)
    nr = m.net_receive
    own = {p.name for p in nr.params}
    own.update(name for n in nr.body.walk() if isinstance(n, N.LocalDecl) for name, _ in n.names)
    for n in nr.body.walk():
        if isinstance(n, N.Assign) and isinstance(n.target, N.Var) and n.target.name not in own:
            sym = m.symbols.get(n.target.name)
            if sym is not None and sym.kind == "state" and sym.name not in integrated:
                raise NmodlError("%s not really a STATE; Ie. No differential equation for it."
                                 % sym.name, n.loc)


def lower_solve(m: Model, s: N.Solve, where: str, warn) -> Lowered:
    c = m.callables.get(s.name)
    if c is None:
        raise NmodlError("SOLVE of undefined block '%s'" % s.name, s.loc)
    kind = c.kind
    if s.steadystate is not None:
        return _steadystate(m, s, c)
    method = s.method
    if kind == "DERIVATIVE":
        method = method or "derivimplicit"
        if method == "cnexp":
            body = derivative.cnexp(c.body)
            if body is not None:
                if where == "BREAKPOINT":
                    m.solve_blocks.append(c.name)
                return Lowered(body, "cnexp")
            warn("%s: Could not translate using cnexp method; using derivimplicit" % s.loc)
            method = "derivimplicit"
        if where == "BREAKPOINT":
            m.solve_blocks.append(c.name)
        states, dstates = derivative.state_list(m, c.body)
        if method == "derivimplicit":
            return Lowered(derivative.derivimplicit(m, c.body), method, states, dstates, True)
        if method == "euler":
            return Lowered(derivative.euler(m, c.body), method, states, dstates, True)
        if method == "runge":
            return Lowered(derivative.runge(m, c.body), method, states, dstates, True)
        raise UnsupportedError("METHOD %s" % method, s.loc, "NEURON 9 supports cnexp, derivimplicit, "
                               "euler, runge for DERIVATIVE blocks")
    if kind == "KINETIC":
        method = method or "sparse"
        if where == "BREAKPOINT":
            m.solve_blocks.append(c.name)
        if method == "sparse":
            sp = kinetic.implicit(m, c)
            return Lowered(sp, method, sp.states, sp.dstates, True)
        if method in ("derivimplicit", "euler", "runge", "cnexp"):
            body, xs, ds = kinetic.derivative_form(m, c)
            if method == "euler":
                stmts = list(body.stmts) + [N.Assign(x, N.BinOp("+", x, N.BinOp("*", N.Var("dt"), d)))
                                            for x, d in zip(xs, ds)]
                return Lowered(N.Block(stmts), method, xs, ds, True)
            if method == "runge":
                return Lowered(N.RungeKutta(xs, ds, body), method, xs, ds, True)
            if method == "cnexp":
                raise NmodlError("METHOD cnexp cannot solve a KINETIC block", s.loc)
            return Lowered(N.NewtonSolve(xs, body, kind="derivimplicit", dstates=ds, nderiv=len(xs)),
                           method, xs, ds, True)
        raise UnsupportedError("METHOD %s for KINETIC" % method, s.loc)
    if kind == "DISCRETE":
        if method is not None:
            raise NmodlError("a DISCRETE block is SOLVEd without METHOD", s.loc)
        if where == "BREAKPOINT":
            m.solve_blocks.append(c.name)
        return Lowered(discrete.lower(m, c), "discrete")
    if kind == "LINEAR":
        return Lowered(linear.linear(m, c), method or "simeq")
    if kind == "NONLINEAR":
        return Lowered(linear.nonlinear(m, c), method or "newton")
    if kind == "PROCEDURE":
        if method is not None and method not in _AFTER_METHODS:
            raise NmodlError("METHOD %s cannot SOLVE a PROCEDURE" % method, s.loc)
        return Lowered(N.ExprStmt(N.Call(c.name, [])), method or "procedure")
    raise NmodlError("cannot SOLVE a %s" % kind, s.loc)


def _steadystate(m: Model, s: N.Solve, c: N.Callable) -> Lowered:
    method = s.steadystate
    if c.kind == "KINETIC":
        if method != "sparse":
            raise UnsupportedError("STEADYSTATE %s for KINETIC" % method, s.loc)
        sp = kinetic.implicit(m, c, steadystate=True)
        return Lowered(sp, "ss_sparse", sp.states, sp.dstates)
    if c.kind == "DERIVATIVE":
        if method != "derivimplicit":
            raise UnsupportedError("STEADYSTATE %s for DERIVATIVE" % method, s.loc)
        ns = derivative.derivimplicit(m, c.body)
        ns.kind = "ss_derivimplicit"
        return Lowered(ns, "ss_derivimplicit", ns.states, ns.dstates)
    raise NmodlError("STEADYSTATE needs a KINETIC or DERIVATIVE block", s.loc)


def _cvode_forms(m: Model) -> None:
    """ode_spec / ode_matsol for the block SOLVEd in BREAKPOINT (one DERIVATIVE block)."""
    m.ode = None
    m.ode_synonyms = []
    m.cvode_ok = True
    solved = [m.callables[n] for n in m.solve_blocks]
    if not solved:
        return
    if len(solved) > 1 or solved[0].kind not in ("DERIVATIVE", "KINETIC"):
        m.cvode_ok = False
        return
    c = solved[0]
    if c.kind == "KINETIC":
        spec, states, dstates = kinetic.derivative_form(m, c)
        m.ode = (spec, N.Block([kinetic.cvode_matsol(m, c)]), states, dstates)
        m.ode_kinetic = True
    else:
        states, dstates = derivative.state_list(m, c.body)
        m.ode = (derivative.spec_body(c.body), derivative.matsol_body(c.body), states, dstates)
    m.ode_synonyms = _ion_synonyms(m)


def _ion_synonyms(m: Model) -> List[N.Assign]:
    """NEURON's ode_synonym: a written concentration that is not a STATE follows the states
    through its first assignment in the mechanism's procedures and ODE blocks (e.g. `cai =
    ca[0]` closing a KINETIC block), so the integrator can set it whenever it sets the states.
    Assignments that use LOCAL variables or arguments cannot be evaluated on their own and
    are left out."""
    out = []
    bodies = [c.body for c in m.callables.values()
              if c.body is not None and c.kind in ("PROCEDURE", "FUNCTION", "DERIVATIVE", "KINETIC",
                                                   "LINEAR", "NONLINEAR")]
    for ion in m.ions:
        for var in ion.write:
            sym = m.symbols.get(var)
            if ion.var_kind(var) not in ("ci", "co") or sym is None or sym.kind == "state":
                continue
            first = next((n for b in bodies for n in b.walk()
                          if isinstance(n, N.Assign) and isinstance(n.target, N.Var)
                          and n.target.name == var and n.target.index is None), None)
            if first is None:
                continue
            names = {n.name for n in first.value.walk() if isinstance(n, N.Var)}
            if all(nm in m.symbols for nm in names):
                out.append(first)
    return out
