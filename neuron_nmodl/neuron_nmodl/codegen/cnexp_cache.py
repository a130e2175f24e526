"""cnexp updates whose coefficients do not change from step to step, computed once.

`x' = -x/tau` with tau a PARAMETER becomes x = x + (1 - exp(dt*(-1/tau)))*(b - x): the
factor and b depend only on parameters, dt and constants, yet cost two divisions and an
exp per instance and step.  Each instance keeps the factor and b in hidden columns together
with the values of the inputs they were computed from (compared bit for bit, so any change,
from Python, HOC or NET_RECEIVE, is seen); a block of instances recomputes them only when
some input differs.  The update then does the same arithmetic on the same values as the
uncached form; the factors come from the C library's scalar exp, as NEURON's do (the
vectorised exp of the uncached loops may differ from it by an ulp).
"""
from __future__ import annotations

from typing import List, Optional

from .. import nodes as N
from ..sema import builtins as B
from ..sema.model import COLUMN, CONST, CTX, GLOBAL, Model, Symbol
from .emitter import Raw
from .names import col


def _inputs(m: Model, exprs) -> Optional[List[str]]:
    """Names the expressions read, if all are step-invariant (PARAMETERs, constants, dt,
    celsius) and the expressions call only math functions; else None."""
    names: List[str] = []
    for e in exprs:
        for n in e.walk():
            if isinstance(n, N.Var):
                s = m.symbols.get(n.name)
                if n.index is not None or s is None:
                    return None
                ok = (s.kind == "parameter" and s.storage in (COLUMN, GLOBAL)
                      or s.storage == CONST or s.name in ("dt", "celsius"))
                if not ok:
                    return None
                if s.storage != CONST and n.name not in names:
                    names.append(n.name)
            elif isinstance(n, N.Call):
                if n.name not in B.MATH or n.name in m.callables:
                    return None
            elif not isinstance(n, (N.Num, N.BinOp, N.UnaryOp, N.Paren)):
                return None
    return names


def _hidden(m: Model, name: str) -> str:
    s = m.symbols.get(name)
    if s is None:
        s = Symbol(name, "work", COLUMN, col=m.ncol)
        m.ncol += 1
        m.columns.append(s)
        m.symbols[name] = s
    return col(s.col)


def cached_cnexp(m: Model, updates: List[N.CnexpUpdate]):
    """Kernel parts (see MechanismGenerator.kernel) for cnexp updates with step-invariant
    coefficients and nothing computed before them, or None."""
    if any(u.arg is None or u.target.index is not None for u in updates):
        return None
    names: List[str] = []
    for u in updates:
        found = _inputs(m, [u.arg] + ([u.goal] if u.goal is not None else []))
        if found is None:
            return None
        names += [x for x in found if x not in names]
    keys = [(x, _hidden(m, "_ck_" + x)) for x in names]
    factor = {u.target.name: _hidden(m, "_cf_" + u.target.name) for u in updates}
    goal = {u.target.name: _hidden(m, "_cg_" + u.target.name) for u in updates
            if u.goal is not None}

    def check(em):
        for x in ("dt", "celsius"):   # read once: stores to columns might alias the context
            if x in names:
                em.w("const double _%s = _ctx->%s;" % (x, x))
                em.declare(x, "_" + x)
        em.w("int _fresh = 1;")
        em.w("for (int _i = _i0; _i < _i1; ++_i) {")
        tests = ["_nmodl_rt::same_bits(%s, %s)" % (em.expr(N.Var(x)), k) for x, k in keys]
        em.w("    _fresh &= %s;" % " & ".join(tests or ["1"]))
        em.w("}")
        em.w("if (!_fresh) {")
        em.w("    for (int _i = _i0; _i < _i1; ++_i) {")
        em.ind += 2
        for x, k in keys:
            em.w("%s = %s;" % (k, em.expr(N.Var(x))))
        for u in updates:
            x = u.target.name
            em.w("%s = 1. - _nmodl_rt::hoc_exp_scalar(%s);" % (factor[x], em.expr(u.arg)))
            if x in goal:
                em.w("%s = %s;" % (goal[x], em.expr(u.goal)))
        em.ind -= 2
        em.w("    }")
        em.w("}")

    def update(em):
        for u in updates:
            name = u.target.name
            x = em.expr(u.target)
            if name in goal:
                em.w("%s = %s + %s * (%s - %s);" % (x, x, factor[name], goal[name], x))
            else:
                em.w("%s = %s + %s * (-%s);" % (x, x, factor[name], x))

    return [Raw(check), update]
