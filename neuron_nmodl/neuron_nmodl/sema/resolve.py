"""Semantic pass 2: names and calls in code blocks.

Checks every name against the block's scopes (arguments, LOCALs, the model's symbols),
every call against the declared FUNCTIONs/PROCEDUREs and the built-ins, and the rules of
NEURON about where things may appear (primes only in DERIVATIVE, net_send only in a point
process, no assignment to t, dt, celsius, area or diam).  Names that are declared nowhere are
accepted with a warning when the file has VERBATIM code (they may be C variables declared
there, as nocmodl allows); otherwise they are errors.
"""
from __future__ import annotations

import sys
from typing import Dict, List, Optional, Set

from .. import nodes as N
from ..errors import NmodlError, UnsupportedError
from . import builtins as B
from .model import EXTERN, Model, Symbol

_READONLY = ("t", "dt", "celsius", "area", "diam", "secondorder")
_EVENTS = ("net_send", "net_event", "net_move")


class Resolver:
    def __init__(self, m: Model, warn=None):
        self.m = m
        self.has_verbatim = bool(m.verbatim_top) or any(
            isinstance(n, N.Verbatim) for n in m.program.walk())
        self.warn = warn or (lambda msg: sys.stderr.write(msg + "\n"))
        self.warned: Set[str] = set()

    def run(self) -> None:
        m = self.m
        for c in m.callables.values():
            if c.body is None:
                continue
            scope = {p.name for p in c.params}
            if c.kind == "FUNCTION":
                scope.add(c.name)
            if c.kind == "KINETIC":
                scope |= {"f_flux", "b_flux"}
            self.block(c.body, [scope], c.kind)
        for b in [m.initial, m.breakpoint, m.constructor, m.destructor] + m.before_after:
            if b is not None:
                self.block(b.body, [set()], b.kind)
        if m.net_receive is not None:
            nr = m.net_receive
            scope = {p.name for p in nr.params} | {"flag"}
            self.block(nr.body, [scope], "NET_RECEIVE")

    # --------------------------------------------------------------------- walking

    def block(self, b: N.Block, scopes: List[Set[str]], ctx: str) -> None:
        scopes = scopes + [set()]
        for s in b.stmts:
            self.stmt(s, scopes, ctx)

    def stmt(self, s: N.Stmt, scopes: List[Set[str]], ctx: str) -> None:
        if isinstance(s, N.LocalDecl):
            for name, _ in s.names:
                scopes[-1].add(name)
        elif isinstance(s, N.Block):
            self.block(s, scopes, ctx)
        elif isinstance(s, N.Assign):
            self.target(s.target, scopes, ctx, s)
            self.expr(s.value, scopes, ctx)
        elif isinstance(s, N.ExprStmt):
            self.expr(s.expr, scopes, ctx)
        elif isinstance(s, N.If):
            self.expr(s.cond, scopes, ctx)
            self.block(s.body, scopes, ctx)
            if s.orelse is not None:
                self.stmt(s.orelse, scopes, ctx)
        elif isinstance(s, N.While):
            self.expr(s.cond, scopes, ctx)
            self.block(s.body, scopes, ctx)
        elif isinstance(s, N.FromTo):
            if not self.known(s.var, scopes):
                scopes[-1].add(s.var)   # nocmodl declares an undeclared loop index itself
            self.name(s.var, scopes, s, assign=True)
            for e in (s.start, s.stop, s.step):
                if e is not None:
                    self.expr(e, scopes, ctx)
            self.block(s.body, scopes, ctx)
        elif isinstance(s, N.Solve):
            self.solve(s, ctx)
        elif isinstance(s, (N.Reaction, N.Conserve, N.Compartment)):
            if ctx != "KINETIC":
                raise NmodlError("reaction statements belong in a KINETIC block", s.loc)
            self.kinetic_stmt(s, scopes, ctx)
        elif isinstance(s, N.LongDiffusion):
            if ctx != "KINETIC":
                raise NmodlError("LONGITUDINAL_DIFFUSION belongs in a KINETIC block", s.loc)
            self.kinetic_stmt(s, scopes, ctx)
        elif isinstance(s, N.Equation):
            if ctx not in ("LINEAR", "NONLINEAR", "DERIVATIVE"):
                raise NmodlError("'~ a = b' equations belong in LINEAR or NONLINEAR blocks", s.loc)
            self.expr(s.lhs, scopes, ctx)
            self.expr(s.rhs, scopes, ctx)
        elif isinstance(s, N.Table):
            if ctx not in ("FUNCTION", "PROCEDURE"):
                raise NmodlError("TABLE belongs in a FUNCTION or PROCEDURE", s.loc)
            for n in s.names + s.depend:
                self.name(n, scopes, s)
            for e in (s.lo, s.hi, s.n):
                self.expr(e, scopes, ctx)
        elif isinstance(s, N.Watch):
            if ctx != "NET_RECEIVE":
                raise NmodlError("WATCH belongs in NET_RECEIVE", s.loc)
            for it in s.items:
                self.expr(it.cond, scopes, ctx)
                self.expr(it.flag, scopes, ctx)
        elif isinstance(s, N.ForNetcons):
            if ctx != "NET_RECEIVE":
                raise NmodlError("FOR_NETCONS belongs in NET_RECEIVE", s.loc)
            self.block(s.body, scopes + [set(s.params)], ctx)
        elif isinstance(s, N.InitialStmt):
            if ctx != "NET_RECEIVE":
                raise NmodlError("INITIAL block inside %s" % ctx, s.loc)
            self.block(s.body, scopes, "NET_RECEIVE_INITIAL")
        elif isinstance(s, N.Protect):
            self.stmt(s.stmt, scopes, ctx)
        elif isinstance(s, N.Lag):
            self.name(s.name, scopes, s)
            self.expr(s.by, scopes, ctx)
        elif isinstance(s, (N.Verbatim, N.Mutex, N.Conductance)):
            pass
        else:
            raise NmodlError("statement not allowed here", s.loc)

    def kinetic_stmt(self, s, scopes, ctx) -> None:
        terms = []
        if isinstance(s, N.Reaction):
            terms = s.lhs + s.rhs
            for e in (s.kf, s.kb):
                if e is not None:
                    self.expr(e, scopes, ctx)
        elif isinstance(s, N.Conserve):
            terms = s.terms
            self.expr(s.total, scopes, ctx)
        else:   # COMPARTMENT, LONGITUDINAL_DIFFUSION
            e = s.volume if isinstance(s, N.Compartment) else s.flux
            self.expr(e, scopes + [{s.index}] if s.index else scopes, ctx)
            for n in s.names:
                self.name(n, scopes, s)
        for t in terms:
            self.name(t.name, scopes, t)
            if t.index is not None:
                self.expr(t.index, scopes, ctx)

    def solve(self, s: N.Solve, ctx: str) -> None:
        target = self.m.callables.get(s.name)
        if target is None:
            raise NmodlError("SOLVE of undefined block '%s'" % s.name, s.loc)
        if ctx not in ("BREAKPOINT", "INITIAL", "PROCEDURE", "FUNCTION"):
            # (in a PROCEDURE or FUNCTION nocmodl does the solve where the statement stands)
            raise NmodlError("SOLVE belongs in BREAKPOINT, INITIAL, a PROCEDURE or a FUNCTION",
                             s.loc)

    def target(self, t, scopes, ctx, s) -> None:
        if isinstance(t, N.Prime):
            if ctx != "DERIVATIVE":
                raise NmodlError("derivative %s' outside a DERIVATIVE block" % t.name, t.loc)
            if t.order != 1:
                raise UnsupportedError("higher-order derivative %s%s" % (t.name, "'" * t.order), t.loc)
            sym = self.m.symbols.get(t.name)
            if sym is None or sym.kind != "state":
                raise NmodlError("%s must be a STATE to have a derivative" % t.name, t.loc)
        else:
            self.name(t.name, scopes, t, assign=True)
        if t.index is not None:
            self.expr(t.index, scopes, ctx)

    def known(self, name: str, scopes) -> bool:
        return any(name in sc for sc in scopes) or name in self.m.symbols

    def name(self, name: str, scopes, node, assign: bool = False) -> None:
        for sc in scopes:
            if name in sc:
                return
        sym = self.m.symbols.get(name)
        if sym is None and name in self.m.externals:
            self.m.symbols[name] = Symbol(name, "external", EXTERN, loc=node.loc)
            return
        if sym is None:
            if self.has_verbatim or name.startswith("M_"):
                if name not in self.warned:
                    self.warned.add(name)
                    self.warn("%s: warning: %s is not declared in NMODL (used as a C name from "
                              "VERBATIM code)" % (node.loc or self.m.file, name))
                return
            raise NmodlError("undefined variable '%s'" % name, node.loc)
        if assign:
            if sym.kind in ("special",) and name in _READONLY:
                raise NmodlError("cannot assign to %s" % name, node.loc)
            if sym.kind in ("constant", "unitconst"):
                raise NmodlError("cannot assign to the constant %s" % name, node.loc)
            if sym.kind in ("function", "procedure", "derivative", "kinetic", "linear",
                            "nonlinear", "discrete", "function_table"):
                raise NmodlError("%s is a %s, not a variable" % (name, sym.kind), node.loc)
            sym.assigned_in_code = True

    def expr(self, e: N.Expr, scopes, ctx) -> None:
        for n in e.walk():
            if isinstance(n, N.Var):
                self.name(n.name, scopes, n)
            elif isinstance(n, N.Call):
                self.call(n, ctx)
            elif isinstance(n, N.Prime):
                raise UnsupportedError("a derivative (%s') inside an expression" % n.name, n.loc)
            elif isinstance(n, N.PastValue):
                self.past_value(n, ctx)

    def past_value(self, n: N.PastValue, ctx: str) -> None:
        """`a@k`: a STATE's value k steps back, in a DISCRETE block (NEURON's rules)."""
        if ctx != "DISCRETE":
            raise NmodlError("%s@%d outside a DISCRETE block" % (n.name, n.lag), n.loc)
        if n.lag < 1:
            raise NmodlError("Discrete variable must have @index >= 1", n.loc)
        sym = self.m.symbols.get(n.name)
        if sym is None or sym.kind != "state":
            raise NmodlError("%s must be a STATE for use as discrete variable" % n.name, n.loc)
        if (n.index is not None) != (sym.size is not None):
            raise NmodlError("%s must be %s discrete variable"
                             % (n.name, "an array" if sym.size is not None else "a scalar"), n.loc)

    def call(self, c: N.Call, ctx: str) -> None:
        m = self.m
        name = c.name
        sym = m.symbols.get(name)
        if sym is not None and sym.kind in ("function", "procedure", "function_table"):
            target = m.callables[name]
            if len(c.args) != len(target.params):
                raise NmodlError("%s takes %d argument(s), called with %d"
                                 % (name, len(target.params), len(c.args)), c.loc)
            return
        if sym is not None and sym.kind in ("derivative", "kinetic", "linear", "nonlinear",
                                            "discrete"):
            if sym.kind in ("linear", "nonlinear") and not c.args:
                return   # a LINEAR/NONLINEAR block may be called like a procedure
            raise NmodlError("%s is a %s block; use SOLVE %s" % (name, sym.kind.upper(), name), c.loc)
        if name in B.UNSUPPORTED:
            raise UnsupportedError("the scopmath function %s()" % name, c.loc)
        n = B.arity(name)
        if n == -1:
            if name in m.externals or self.has_verbatim:
                return
            raise NmodlError("call of undefined function '%s'" % name, c.loc)
        if n is not None and len(c.args) != n:
            raise NmodlError("%s takes %d argument(s), called with %d" % (name, n, len(c.args)), c.loc)
        if name in _EVENTS:
            if not m.is_point:
                raise NmodlError("%s is only allowed in a POINT_PROCESS or ARTIFICIAL_CELL" % name, c.loc)
            if name != "net_event" and ctx not in ("NET_RECEIVE", "INITIAL", "NET_RECEIVE_INITIAL"):
                raise NmodlError("%s belongs in NET_RECEIVE or INITIAL" % name, c.loc)
        if name.startswith("random_") and name not in ("random_setseq", "random_setids"):
            if not c.args or not isinstance(c.args[0], N.Var) or c.args[0].name not in m.randoms:
                raise NmodlError("%s needs a RANDOM variable as first argument" % name, c.loc)


def resolve(m: Model, warn=None) -> None:
    Resolver(m, warn).run()
