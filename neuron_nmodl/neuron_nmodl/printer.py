"""nodes -> NMODL text.  parse(print(tree)) == tree for every parsed tree; lowered nodes from
the solver passes print as pseudo-NMODL (marked with a leading underscore) for inspection."""
from __future__ import annotations

from typing import List

from . import nodes as N

_PREC = {"||": 1, "&&": 2, "<": 3, "<=": 3, ">": 3, ">=": 3, "==": 3, "!=": 3,
         "+": 4, "-": 4, "*": 5, "/": 5, "%": 5, "^": 7}
_UNARY_PREC = 6


def fmt_num(x: float) -> str:
    if x == int(x) and abs(x) < 1e15:
        return "%d" % int(x)
    return repr(x)


def expr(e: N.Expr, parent_prec: int = 0) -> str:
    if isinstance(e, N.Num):
        s = e.text or fmt_num(e.value)
        if e.unit is not None:
            s += " (%s)" % e.unit
        return s
    if isinstance(e, N.Str):
        return '"%s"' % e.value
    if isinstance(e, N.Var):
        return e.name + ("[%s]" % expr(e.index) if e.index is not None else "")
    if isinstance(e, N.PastValue):
        return "%s@%d" % (e.name, e.lag) + ("[%s]" % expr(e.index) if e.index is not None else "")
    if isinstance(e, N.Prime):
        idx = "[%s]" % expr(e.index) if e.index is not None else ""
        return e.name + idx + "'" * e.order
    if isinstance(e, N.Call):
        return "%s(%s)" % (e.name, ", ".join(expr(a) for a in e.args))
    if isinstance(e, N.Paren):
        return "(%s)" % expr(e.expr)
    if isinstance(e, N.UnaryOp):
        s = e.op + expr(e.operand, _UNARY_PREC)
        return "(%s)" % s if parent_prec > _UNARY_PREC else s
    if isinstance(e, N.BinOp):
        p = _PREC[e.op]
        if e.op == "^":   # right associative; base binds tighter than unary minus
            s = "%s^%s" % (expr(e.left, p + 1), expr(e.right, _UNARY_PREC))
        else:
            s = "%s %s %s" % (expr(e.left, p), e.op, expr(e.right, p + 1))
        return "(%s)" % s if p < parent_prec else s
    raise TypeError("not an expression: %r" % (e,))


def terms(ts: List[N.Term]) -> str:
    out = []
    for t in ts:
        s = t.name + ("[%s]" % expr(t.index) if t.index is not None else "")
        out.append(("%d%s" % (t.coef, s)) if t.coef != 1 else s)
    return " + ".join(out)


class Printer:
    def __init__(self):
        self.lines: List[str] = []
        self.indent = 0

    def w(self, s: str) -> None:
        self.lines.append("    " * self.indent + s)

    def block(self, head: str, b: N.Block) -> None:
        self.w(head + " {")
        self.indent += 1
        for s in b.stmts:
            self.stmt(s)
        self.indent -= 1
        self.w("}")

    def stmt(self, s: N.Stmt) -> None:
        m = getattr(self, "s_" + type(s).__name__, None)
        if m is None:
            raise TypeError("cannot print %s" % type(s).__name__)
        m(s)

    def s_Block(self, s: N.Block) -> None:
        self.block("", s)

    def s_Assign(self, s: N.Assign) -> None:
        self.w("%s = %s" % (expr(s.target), expr(s.value)))

    def s_ExprStmt(self, s: N.ExprStmt) -> None:
        self.w(expr(s.expr))

    def s_LocalDecl(self, s: N.LocalDecl) -> None:
        self.w("LOCAL " + ", ".join(n + ("[%d]" % k if k is not None else "") for n, k in s.names))

    def s_If(self, s: N.If) -> None:
        self.w("if (%s) {" % expr(s.cond))
        self._body(s.body)
        o = s.orelse
        while isinstance(o, N.If):
            self.w("} else if (%s) {" % expr(o.cond))
            self._body(o.body)
            o = o.orelse
        if o is not None:
            self.w("} else {")
            self._body(o)
        self.w("}")

    def _body(self, b: N.Block) -> None:
        self.indent += 1
        for x in b.stmts:
            self.stmt(x)
        self.indent -= 1

    def s_While(self, s: N.While) -> None:
        self.block("while (%s)" % expr(s.cond), s.body)

    def s_FromTo(self, s: N.FromTo) -> None:
        by = " BY %s" % expr(s.step) if s.step is not None else ""
        self.block("FROM %s = %s TO %s%s" % (s.var, expr(s.start), expr(s.stop), by), s.body)

    def s_Solve(self, s: N.Solve) -> None:
        t = "SOLVE " + s.name
        if s.method:
            t += " METHOD " + s.method
        if s.steadystate:
            t += " STEADYSTATE " + s.steadystate
        if s.iferror is not None:
            self.block(t + " IFERROR", s.iferror)
        else:
            self.w(t)

    def s_Reaction(self, s: N.Reaction) -> None:
        if s.op == "<->":
            self.w("~ %s <-> %s (%s, %s)" % (terms(s.lhs), terms(s.rhs), expr(s.kf), expr(s.kb)))
        elif s.op == "->":
            self.w("~ %s -> (%s)" % (terms(s.lhs), expr(s.kf)))
        else:
            self.w("~ %s << (%s)" % (terms(s.lhs), expr(s.kb)))

    def s_Equation(self, s: N.Equation) -> None:
        self.w("~ %s = %s" % (expr(s.lhs), expr(s.rhs)))

    def s_Conserve(self, s: N.Conserve) -> None:
        self.w("CONSERVE %s = %s" % (terms(s.terms), expr(s.total)))

    def s_Compartment(self, s: N.Compartment) -> None:
        idx = s.index + ", " if s.index else ""
        self.w("COMPARTMENT %s%s {%s}" % (idx, expr(s.volume), " ".join(s.names)))

    def s_LongDiffusion(self, s: N.LongDiffusion) -> None:
        idx = s.index + ", " if s.index else ""
        self.w("LONGITUDINAL_DIFFUSION %s%s {%s}" % (idx, expr(s.flux), " ".join(s.names)))

    def s_Table(self, s: N.Table) -> None:
        t = "TABLE"
        if s.names:
            t += " " + ", ".join(s.names)
        if s.depend:
            t += " DEPEND " + ", ".join(s.depend)
        t += " FROM %s TO %s WITH %s" % (expr(s.lo), expr(s.hi), expr(s.n))
        self.w(t)

    def s_Verbatim(self, s: N.Verbatim) -> None:
        self.lines.append("VERBATIM" + s.text + "ENDVERBATIM")

    def s_Watch(self, s: N.Watch) -> None:
        self.w("WATCH " + ", ".join("(%s) %s" % (expr(i.cond), expr(i.flag)) for i in s.items))

    def s_ForNetcons(self, s: N.ForNetcons) -> None:
        self.block("FOR_NETCONS(%s)" % ", ".join(s.params), s.body)

    def s_Protect(self, s: N.Protect) -> None:
        sub = Printer()
        sub.stmt(s.stmt)
        self.w("PROTECT " + sub.lines[0].strip())
        for line in sub.lines[1:]:
            self.w(line)

    def s_Mutex(self, s: N.Mutex) -> None:
        self.w("MUTEXLOCK" if s.lock else "MUTEXUNLOCK")

    def s_Conductance(self, s: N.Conductance) -> None:
        self.w("CONDUCTANCE %s%s" % (s.name, " USEION " + s.ion if s.ion else ""))

    def s_Lag(self, s: N.Lag) -> None:
        self.w("LAG %s BY %s" % (s.name, expr(s.by)))

    def s_InitialStmt(self, s: N.InitialStmt) -> None:
        self.block("INITIAL", s.body)

    # lowered forms (pseudo-NMODL)
    def s_NewtonSolve(self, s: N.NewtonSolve) -> None:
        self.block("_NEWTON_%s(%s)" % (s.kind, ", ".join(expr(v) for v in s.states)), s.body)

    def s_CnexpUpdate(self, s: N.CnexpUpdate) -> None:
        self.s_Assign(s.as_assign())

    def s_Residual(self, s: N.Residual) -> None:
        self.w("_RESIDUAL[%d] = %s" % (s.k, expr(s.value)))

    def s_SparseSolve(self, s: N.SparseSolve) -> None:
        kind = "_STEADYSTATE_SPARSE" if s.steadystate else "_SPARSE"
        lin = "linear" if s.linear else "nonlinear"
        self.block("%s %s(%s)" % (kind, lin, ", ".join(expr(v) for v in s.states)), s.body)

    def s_MatElm(self, s: N.MatElm) -> None:
        self.w("_MATELM[%s][%s] %s %s" % (expr(s.row), expr(s.col), s.op, expr(s.value)))

    def s_RhsElm(self, s: N.RhsElm) -> None:
        self.w("_RHS[%s] %s %s" % (expr(s.row), s.op, expr(s.value)))

    def s_LinearSolve(self, s: N.LinearSolve) -> None:
        self.block("_LINEAR(%s)" % ", ".join(expr(v) for v in s.states), s.body)

    def s_RungeKutta(self, s: N.RungeKutta) -> None:
        self.block("_RUNGE(%s)" % ", ".join(expr(v) for v in s.states), s.body)

    def s_TableLookup(self, s: N.TableLookup) -> None:
        self.w("_TABLE_LOOKUP %s(%s) %s DEPEND %s FROM %s TO %s WITH %d" % (
            s.func, s.arg, ", ".join(s.names) or "-", ", ".join(s.depend) or "-",
            expr(s.lo), expr(s.hi), s.n))

    def s_ReturnValue(self, s: N.ReturnValue) -> None:
        self.w("_RETURN")

    # top level
    def top(self, b: N.TopBlock) -> None:
        m = getattr(self, "t_" + type(b).__name__)
        m(b)

    def t_Title(self, b: N.Title) -> None:
        self.w("TITLE " + b.text)

    def t_Define(self, b: N.Define) -> None:
        self.w("DEFINE %s %d" % (b.name, b.value))

    def t_Include(self, b: N.Include) -> None:
        self.w('INCLUDE "%s"' % b.filename)

    def t_VerbatimTop(self, b: N.VerbatimTop) -> None:
        self.lines.append("VERBATIM" + b.text + "ENDVERBATIM")

    def t_LocalDecl(self, b: N.LocalDecl) -> None:
        self.s_LocalDecl(b)

    def t_UnitsBlock(self, b: N.UnitsBlock) -> None:
        self.w("UNITS {")
        self.indent += 1
        for it in b.items:
            if isinstance(it, N.UnitDef):
                self.w("(%s) = (%s)" % (it.name, it.definition))
            elif it.value is not None:
                u = " (%s)" % it.unit2 if it.unit2 is not None else ""
                self.w("%s = %s%s" % (it.name, it.value.text or fmt_num(it.value.value), u))
            else:
                arrow = " ->" if it.arrow else ""
                u2 = " (%s)" % it.unit2 if it.unit2 is not None else ""
                self.w("%s = (%s)%s%s" % (it.name, it.unit1, arrow, u2))
        self.indent -= 1
        self.w("}")

    def t_NeuronBlock(self, b: N.NeuronBlock) -> None:
        self.w("NEURON {")
        self.indent += 1
        for it in b.items:
            if isinstance(it, N.Suffix):
                self.w("%s %s" % (it.kind, it.name))
            elif isinstance(it, N.UseIon):
                s = "USEION " + it.ion
                if it.read:
                    s += " READ " + ", ".join(it.read)
                if it.write:
                    s += " WRITE " + ", ".join(it.write)
                if it.valence is not None:
                    s += " VALENCE " + fmt_num(it.valence)
                if it.represents:
                    s += " REPRESENTS " + it.represents
                self.w(s)
            else:
                self.w(("%s %s" % (it.keyword, ", ".join(it.names))).rstrip())
        self.indent -= 1
        self.w("}")

    def t_DeclBlock(self, b: N.DeclBlock) -> None:
        self.w(b.kind + " {")
        self.indent += 1
        for d in b.items:
            size = "[%d]" % d.size if d.size is not None else ""
            if isinstance(d, N.ParamDecl):
                s = d.name + size
                if d.value is not None:
                    s += " = " + (d.value.text or fmt_num(d.value.value))
                if d.unit is not None:
                    s += " (%s)" % d.unit
                if d.limits is not None:
                    s += " <%s, %s>" % (fmt_num(d.limits.lo), fmt_num(d.limits.hi))
            else:
                s = d.name + size
                if d.unit is not None:
                    s += " (%s)" % d.unit
                if d.from_to is not None:
                    s += " FROM %s TO %s" % (fmt_num(d.from_to[0]), fmt_num(d.from_to[1]))
                if d.tolerance is not None:
                    s += " <%s>" % fmt_num(d.tolerance)
            self.w(s)
        self.indent -= 1
        self.w("}")

    def t_CodeBlock(self, b: N.CodeBlock) -> None:
        head = b.kind + (" " + b.when if b.when else "")
        self.block(head, b.body)

    def t_Callable(self, b: N.Callable) -> None:
        params = ", ".join(p.name + (" (%s)" % p.unit if p.unit is not None else "")
                           for p in b.params)
        unit = " (%s)" % b.unit if b.unit is not None else ""
        if b.kind == "NET_RECEIVE":
            head = "NET_RECEIVE(%s)" % params
        elif b.kind in ("PROCEDURE", "FUNCTION", "FUNCTION_TABLE"):
            head = "%s %s(%s)%s" % (b.kind, b.name, params, unit)
        else:
            head = "%s %s" % (b.kind, b.name)
            if b.solvefor:
                head += " SOLVEFOR " + ", ".join(b.solvefor)
        if b.body is None:
            self.w(head)
        else:
            self.block(head, b.body)


def print_program(p: N.Program) -> str:
    pr = Printer()
    for it in p.items:
        pr.top(it)
        pr.lines.append("")
    return "\n".join(pr.lines)


def print_stmt(s: N.Stmt) -> str:
    pr = Printer()
    pr.stmt(s)
    return "\n".join(pr.lines)
