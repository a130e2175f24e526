"""Solver passes for KINETIC blocks.

`implicit` builds NEURON's backward-Euler system (METHOD sparse, STEADYSTATE sparse): row i
of the matrix is state i's equation ``vol_i*(x_i - x_i_old)/dt = sum of fluxes``, written
in Newton form (RHS = residual, MATELM = -d residual/dx), with each CONSERVE replacing the
equation of one state.  `derivative_form` gives the ODE right-hand sides (CVODE, and the
euler/derivimplicit/runge methods applied to a KINETIC block; CONSERVE ignored as NEURON
does).

The equations follow nocmodl term by term: states are numbered with the CONSERVE
diagonals first and the rest in nocmodl's symbol-table order; reaction fluxes are built by
splicing the rate expression's text with the species, exactly as nocmodl does (so a rate
written `a + b` multiplies only `b`, as in NEURON).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from .. import nodes as N
from ..errors import NmodlError
from ..lexer import NAME, tokenize
from ..parser import parse_expression_text
from ..printer import expr as pexpr
from ..sema.model import Model


@dataclass
class KineticInfo:
    order: List[str] = field(default_factory=list)        # state names in varnum order
    varnum: Dict[str, int] = field(default_factory=dict)
    size: Dict[str, int] = field(default_factory=dict)
    is_array: Dict[str, bool] = field(default_factory=dict)
    ncons: int = 0
    nstate: int = 0
    capacity: Dict[str, Tuple[Optional[str], N.Expr]] = field(default_factory=dict)
    linear: bool = True


def _num(k: int) -> N.Num:
    return N.Num(float(k), str(k))


def _first_appearance(m: Model) -> Dict[str, int]:
    pos: Dict[str, int] = {}
    if m.file:
        try:
            from ..source import SourceFile

            for i, t in enumerate(tokenize(SourceFile.read(m.file))):
                if t.kind == NAME and t.text not in pos:
                    pos[t.text] = i
        except (OSError, NmodlError):
            pass
    return pos


def _stmts(b: N.Block):
    """Reaction-like statements in order, descending into if/while/FROM bodies."""
    for s in b.stmts:
        if isinstance(s, (N.Reaction, N.Conserve, N.Compartment)):
            yield s
        elif isinstance(s, N.Block):
            yield from _stmts(s)
        elif isinstance(s, N.If):
            yield from _stmts(s.body)
            o = s.orelse
            if isinstance(o, N.Block):
                yield from _stmts(o)
            elif isinstance(o, N.If):
                yield from _stmts(N.Block([o]))
        elif isinstance(s, (N.While, N.FromTo)):
            yield from _stmts(s.body)


def analyze(m: Model, c: N.Callable) -> KineticInfo:
    info = KineticInfo()

    def is_state(name: str) -> bool:
        s = m.symbols.get(name)
        return s is not None and s.kind == "state" and (not c.solvefor or name in c.solvefor)

    used: List[str] = []
    conserves: List[N.Conserve] = []
    for s in _stmts(c.body):
        if isinstance(s, N.Reaction):
            for t in s.lhs + s.rhs:
                if is_state(t.name) and t.name not in used:
                    used.append(t.name)
        elif isinstance(s, N.Conserve):
            conserves.append(s)
            for t in s.terms:
                if not is_state(t.name):
                    raise NmodlError("%s: only (solved) STATEs are allowed in CONSERVE" % t.name, t.loc)
                if t.name not in used:
                    used.append(t.name)
        elif isinstance(s, N.Compartment):
            for nm in s.names:
                if is_state(nm):
                    info.capacity[nm] = (s.index, s.volume)
    if not used:
        raise NmodlError("KINETIC %s contains no reactions" % c.name, c.loc)
    numbered: List[str] = []
    for cons in reversed(conserves):
        for t in reversed(cons.terms):
            if t.name not in numbered and m.symbols[t.name].size is None:
                numbered.append(t.name)
                break
        else:
            raise NmodlError("Failed to diagonalize the Kinetic matrix", cons.loc)
    info.ncons = len(numbered)
    first = _first_appearance(m)
    rest = [nm for nm in used if nm not in numbered]
    decl = {nm: i for i, nm in enumerate(m.symbols)}
    rest.sort(key=lambda nm: (nm[0], -first.get(nm, decl.get(nm, 0))))
    k = 0
    for nm in numbered + rest:
        info.order.append(nm)
        info.varnum[nm] = k
        size = m.symbols[nm].size
        info.size[nm] = size or 1
        info.is_array[nm] = size is not None
        k += size or 1
    info.nstate = k
    for s in _stmts(c.body):
        if isinstance(s, N.Reaction) and s.op == "<->":
            for side in (s.lhs, s.rhs):
                if sum(t.coef for t in side) > 1:
                    info.linear = False
    return info


# ---------------------------------------------------------------------------- helpers

def _svar(t: N.Term) -> N.Var:
    return N.Var(t.name, t.index)


def _row(info: KineticInfo, t: N.Term) -> N.Expr:
    base = info.varnum[t.name]
    if t.index is None:
        return _num(base)
    if base == 0:
        return t.index
    return N.BinOp("+", _num(base), N.Paren(t.index))


def _splice(rate: N.Expr, factors: List[N.Expr], paren_rate: bool = False) -> N.Expr:
    text = pexpr(rate)
    if paren_rate:
        text = "( %s )" % text
    for f in factors:
        text += " * " + pexpr(f)
    return parse_expression_text(text)


def _species(side: List[N.Term], info: KineticInfo, skip: Optional[N.Term] = None) -> List[N.Expr]:
    """Species factors of one side in nocmodl's order (last written first), each repeated by
    its stoichiometry (one less for `skip`)."""
    out: List[N.Expr] = []
    for t in reversed(side):
        n = t.coef - (1 if t is skip else 0)
        out += [_svar(t)] * n
    return out


def _is_state(info: KineticInfo, t: N.Term) -> bool:
    return t.name in info.varnum


def _flux(name: str, value: N.Expr) -> N.Assign:
    return N.Assign(N.Var(name), value)


# ---------------------------------------------------------------------------- implicit

def _matrix_only(stmts: List[N.Stmt]) -> List[N.Stmt]:
    """The Jacobian part of a reaction's statements (CVODE's matsol drops the fluxes)."""
    return [s for s in stmts if isinstance(s, N.MatElm)
            or (isinstance(s, N.Assign) and s.target.name == "_term")]


def _reaction_implicit(s: N.Reaction, info: KineticInfo) -> List[N.Stmt]:
    out: List[N.Stmt] = []
    if s.op == "<<":
        t = s.lhs[0]
        if not _is_state(info, t):
            raise NmodlError("%s must be a (solved) STATE in a flux reaction" % t.name, t.loc)
        if info.varnum[t.name] < info.ncons:
            raise NmodlError("%s is conserved and has a flux" % t.name, t.loc)
        out.append(_flux("f_flux", N.Num(0.0, "0.")))
        flux = N.Paren(s.kb)
        out.append(_flux("b_flux", flux))
        out.append(N.RhsElm(_row(info, t), "+=", N.Var("b_flux")))
        return out
    if s.op == "->":
        t = s.lhs[0]
        if len(s.lhs) != 1 or t.coef != 1:
            raise NmodlError("flux equations involve only one state", s.loc)
        if _is_state(info, t) and info.varnum[t.name] < info.ncons:
            raise NmodlError("%s is conserved and has a flux" % t.name, t.loc)
        rate = N.Paren(s.kf)
        out.append(_flux("f_flux", _splice(rate, [_svar(t)])))
        out.append(_flux("b_flux", N.Num(0.0, "0.")))
        if _is_state(info, t):
            out.append(N.RhsElm(_row(info, t), "-=", N.BinOp("-", N.Var("f_flux"), N.Var("b_flux"))))
            out.append(N.Assign(N.Var("_term"), rate))
            out.append(N.MatElm(_row(info, t), _row(info, t), "+=", N.Var("_term")))
        return out
    sides = (s.lhs, s.rhs)
    rates = (s.kf, s.kb)
    out.append(_flux("f_flux", _splice(rates[0], _species(sides[0], info))))
    out.append(_flux("b_flux", _splice(rates[1], _species(sides[1], info))))
    diff = N.Paren(N.BinOp("-", N.Var("f_flux"), N.Var("b_flux")))
    for j in (0, 1):
        for t in reversed(sides[j]):
            if not _is_state(info, t) or info.varnum[t.name] < info.ncons:
                continue
            val = diff if t.coef == 1 else N.BinOp("*", N.Num(float(t.coef), "%d.0" % t.coef), diff)
            out.append(N.RhsElm(_row(info, t), "-=" if j == 0 else "+=", val))
    for j in (0, 1):
        for t in reversed(sides[j]):
            if not _is_state(info, t):
                continue
            factors: List[N.Expr] = []
            if t.coef != 1:
                factors.append(N.Num(float(t.coef), str(t.coef)))
            factors += _species(sides[j], info, skip=t)
            out.append(N.Assign(N.Var("_term"), _splice(rates[j], factors)))
            for j1 in (0, 1):
                for t1 in reversed(sides[j1]):
                    if not _is_state(info, t1) or info.varnum[t1.name] < info.ncons:
                        continue
                    val = N.Var("_term")
                    if t1.coef != 1:
                        val = N.BinOp("*", N.Num(float(t1.coef), str(t1.coef)), val)
                    out.append(N.MatElm(_row(info, t1), _row(info, t), "+=" if j == j1 else "-=", val))
    return out


def _conserve_implicit(s: N.Conserve, info: KineticInfo, eqnum: int) -> List[N.Stmt]:
    row = _num(eqnum)
    out: List[N.Stmt] = [N.RhsElm(row, "=", s.total)]
    for t in reversed(s.terms):
        cap = info.capacity.get(t.name)
        coef: N.Expr = N.Num(float(t.coef), str(t.coef))
        sub: N.Expr = _svar(t)
        if cap is not None:
            vol = _cap_expr(cap, t)
            coef = N.BinOp("*", coef, vol)
            sub = N.BinOp("*", sub, vol)
        if t.coef != 1:
            sub = N.BinOp("*", sub, N.Num(float(t.coef), str(t.coef)))
        out.append(N.MatElm(row, _row(info, t), "=", coef))
        out.append(N.RhsElm(row, "-=", sub))
    return out


def _cap_expr(cap: Tuple[Optional[str], N.Expr], t: N.Term) -> N.Expr:
    index_name, vol = cap
    if index_name is None:
        return N.Paren(vol)
    from .algebra import substitute

    idx = t.index if t.index is not None else N.Num(0.0, "0")
    return N.Paren(substitute(vol, lambda v: N.Paren(idx) if v.name == index_name and v.index is None else None))


def _rewrite(b: N.Block, fn) -> N.Block:
    out: List[N.Stmt] = []
    for s in b.stmts:
        if isinstance(s, (N.Reaction, N.Conserve, N.Compartment, N.LongDiffusion)):
            out.extend(fn(s))
        elif isinstance(s, N.Block):
            out.append(_rewrite(s, fn))
        elif isinstance(s, N.If):
            out.append(_rewrite_if(s, fn))
        elif isinstance(s, N.While):
            out.append(N.While(s.cond, _rewrite(s.body, fn), loc=s.loc))
        elif isinstance(s, N.FromTo):
            out.append(N.FromTo(s.var, s.start, s.stop, s.step, _rewrite(s.body, fn), loc=s.loc))
        else:
            out.append(s)
    return N.Block(out, loc=b.loc)


def _rewrite_if(s: N.If, fn) -> N.If:
    o = s.orelse
    if isinstance(o, N.If):
        o = _rewrite_if(o, fn)
    elif isinstance(o, N.Block):
        o = _rewrite(o, fn)
    return N.If(s.cond, _rewrite(s.body, fn), o, loc=s.loc)


def _element_terms(info: KineticInfo, name: str) -> List[N.Term]:
    if not info.is_array[name]:
        return [N.Term(name)]
    return [N.Term(name, _num(k)) for k in range(info.size[name])]


def state_vars(m: Model, info: KineticInfo) -> Tuple[List[N.Var], List[N.Var]]:
    xs, ds = [], []
    for nm in info.order:
        if m.symbols[nm].size is None:
            xs.append(N.Var(nm))
            ds.append(N.Var("D" + nm))
        else:
            for k in range(info.size[nm]):
                xs.append(N.Var(nm, _num(k)))
                ds.append(N.Var("D" + nm, _num(k)))
    return xs, ds


def implicit(m: Model, c: N.Callable, steadystate: bool = False) -> N.SparseSolve:
    info = analyze(m, c)
    xs, ds = state_vars(m, info)
    head: List[N.Stmt] = []
    body = c.body.stmts
    k = 0
    while k < len(body) and isinstance(body[k], N.LocalDecl):
        head.append(body[k])
        k += 1
    head.append(N.Assign(N.Var("_dt1"), N.BinOp("/", N.Num(1.0, "1.0"), N.Var("dt"))))
    for i in range(info.ncons, info.nstate):
        x, d = xs[i], ds[i]
        head.append(N.RhsElm(_num(i), "=", N.BinOp("*", N.UnaryOp("-", N.Var("_dt1")),
                                                    N.Paren(N.BinOp("-", x, d)))))
        head.append(N.MatElm(_num(i), _num(i), "=", N.Var("_dt1")))
    for nm in info.order:
        cap = info.capacity.get(nm)
        if cap is None or info.varnum[nm] < info.ncons:
            continue
        for t in _element_terms(info, nm):
            vol = _cap_expr(cap, t)
            r = _row(info, t)
            head.append(N.RhsElm(r, "*=", vol))
            head.append(N.MatElm(r, r, "*=", vol))
    # nocmodl numbers the CONSERVE equations from the last one written
    conserves = [s for s in _stmts(c.body) if isinstance(s, N.Conserve)]
    eqnum = {id(s): i for i, s in enumerate(reversed(conserves))}

    def fn(s):
        if isinstance(s, N.Reaction):
            return _reaction_implicit(s, info)
        if isinstance(s, N.Conserve):
            return _conserve_implicit(s, info, eqnum[id(s)])
        return []   # COMPARTMENT handled above

    rest = _rewrite(N.Block(body[k:]), fn)
    return N.SparseSolve(xs, ds, N.Block(head + rest.stmts, loc=c.body.loc), linear=info.linear,
                         steadystate=steadystate, loc=c.loc)


def cvode_matsol(m: Model, c: N.Callable) -> N.LinearSolve:
    """CVODE's diagonal-block solve for a KINETIC scheme: (vol/dt - J) x = vol*D/dt, then D = x
    (nocmodl's _ode_matsol; CONSERVE ignored), solved here as a dense system."""
    info = analyze(m, c)
    info.ncons = 0
    xs, ds = state_vars(m, info)
    head: List[N.Stmt] = []
    body = c.body.stmts
    k = 0
    while k < len(body) and isinstance(body[k], N.LocalDecl):
        head.append(body[k])
        k += 1
    head.append(N.Assign(N.Var("_dt1"), N.BinOp("/", N.Num(1.0, "1.0"), N.Var("dt"))))
    for i in range(info.nstate):
        head.append(N.RhsElm(_num(i), "=", N.BinOp("*", N.Var("_dt1"), ds[i])))
        head.append(N.MatElm(_num(i), _num(i), "=", N.Var("_dt1")))
    for nm in info.order:
        cap = info.capacity.get(nm)
        if cap is None:
            continue
        for t in _element_terms(info, nm):
            vol = _cap_expr(cap, t)
            r = _row(info, t)
            head.append(N.RhsElm(r, "*=", vol))
            head.append(N.MatElm(r, r, "*=", vol))

    def fn(s):
        if isinstance(s, N.Reaction):
            return _matrix_only(_reaction_implicit(s, info))
        return []

    rest = _drop_flux_statements(_rewrite(N.Block(body[k:]), fn))
    return N.LinearSolve(ds, N.Block(head + rest.stmts, loc=c.body.loc), loc=c.loc)


def _drop_flux_statements(b: N.Block) -> N.Block:
    """Statements that use f_flux or b_flux mean nothing in the Jacobian solve (no fluxes are
    computed there) and would overwrite what ode_spec computed: nocmodl removes them."""
    def uses_flux(st: N.Stmt) -> bool:
        return any(isinstance(n, N.Var) and n.name in ("f_flux", "b_flux") for n in st.walk())

    out: List[N.Stmt] = []
    for st in b.stmts:
        if isinstance(st, (N.Assign, N.ExprStmt)):
            if not uses_flux(st):
                out.append(st)
        elif isinstance(st, N.Block):
            out.append(_drop_flux_statements(st))
        elif isinstance(st, N.If):
            out.append(_drop_flux_if(st))
        elif isinstance(st, N.While):
            out.append(N.While(st.cond, _drop_flux_statements(st.body), loc=st.loc))
        elif isinstance(st, N.FromTo):
            out.append(N.FromTo(st.var, st.start, st.stop, st.step,
                                _drop_flux_statements(st.body), loc=st.loc))
        else:
            out.append(st)
    return N.Block(out, loc=b.loc)


def _drop_flux_if(s: N.If) -> N.If:
    o = s.orelse
    if isinstance(o, N.If):
        o = _drop_flux_if(o)
    elif isinstance(o, N.Block):
        o = _drop_flux_statements(o)
    return N.If(s.cond, _drop_flux_statements(s.body), o, loc=s.loc)


# ---------------------------------------------------------------------------- derivative form

def derivative_form(m: Model, c: N.Callable) -> Tuple[N.Block, List[N.Var], List[N.Var]]:
    """Statements computing D<state> = d state/dt from the reactions (CONSERVE ignored)."""
    info = analyze(m, c)
    info.ncons = 0
    xs, ds = state_vars(m, info)
    head: List[N.Stmt] = []
    body = c.body.stmts
    k = 0
    while k < len(body) and isinstance(body[k], N.LocalDecl):
        head.append(body[k])
        k += 1
    for d in ds:
        head.append(N.Assign(d, N.Num(0.0, "0.0")))

    def dvar(t: N.Term) -> N.Var:
        return N.Var("D" + t.name, t.index)

    def fn(s):
        out: List[N.Stmt] = []
        if isinstance(s, N.Reaction):
            if s.op == "<<":
                t = s.lhs[0]
                out.append(_flux("f_flux", N.Num(0.0, "0.")))
                out.append(_flux("b_flux", N.Paren(s.kb)))
                out.append(N.Assign(dvar(t), N.BinOp("+", dvar(t), N.Var("b_flux"))))
                return out
            if s.op == "->":
                t = s.lhs[0]
                out.append(_flux("f_flux", _splice(N.Paren(s.kf), [_svar(t)])))
                out.append(_flux("b_flux", N.Num(0.0, "0.")))
                if _is_state(info, t):
                    out.append(N.Assign(dvar(t), N.BinOp("-", dvar(t), N.Var("f_flux"))))
                return out
            out.append(_flux("f_flux", _splice(s.kf, _species(s.lhs, info))))
            out.append(_flux("b_flux", _splice(s.kb, _species(s.rhs, info))))
            diff = N.Paren(N.BinOp("-", N.Var("f_flux"), N.Var("b_flux")))
            for j, side in enumerate((s.lhs, s.rhs)):
                for t in reversed(side):
                    if not _is_state(info, t):
                        continue
                    val = diff if t.coef == 1 else N.BinOp("*", N.Num(float(t.coef), "%d.0" % t.coef), diff)
                    out.append(N.Assign(dvar(t), N.BinOp("-" if j == 0 else "+", dvar(t), val)))
        return out

    rest = _rewrite(N.Block(body[k:]), fn)
    tail: List[N.Stmt] = []
    for nm in info.order:
        cap = info.capacity.get(nm)
        if cap is None:
            continue
        for t in _element_terms(info, nm):
            dv = dvar(t)
            tail.append(N.Assign(dv, N.BinOp("/", dv, _cap_expr(cap, t))))
    return N.Block(head + rest.stmts + tail, loc=c.body.loc), xs, ds
