"""Statements and expressions of NMODL (and the solver passes' lowered forms) -> C++ lines."""
from __future__ import annotations

from typing import Dict, List, Optional

from .. import nodes as N
from ..errors import InternalCompilerError, NmodlError, UnsupportedError
from ..sema import builtins as B
from ..sema.model import COLUMN, CONST, CTX, GLOBAL, SLOT, Model
from .names import ARGS, c_double, c_string, col, const, fun, local, slot, symbol_ref
from .verbatim import verbatim_lines

# C operator precedence (higher binds tighter)
_CPREC = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4,
          "+": 5, "-": 5, "*": 6, "/": 6}
_MATH_C = {"abs": "fabs", "exp": "_nmodl_rt::hoc_exp"}


class Raw:
    """A part of a kernel that is not a loop over instances: `fn(emitter)` writes it."""

    def __init__(self, fn):
        self.fn = fn


class Emitter:
    """Emits the C++ body of one generated function."""

    def __init__(self, model: Model, *, netrec: bool = False, weights: str = "nullptr",
                 kinetic: bool = False, twins=None):
        self.m = model
        # names of functions whose "_T" twin (tables always used) is called instead
        self.twins = twins
        self.lines: List[str] = []
        self.ind = 1
        self.scopes: List[Dict[str, str]] = [{}]
        self.netrec = netrec
        self.weights = weights      # C expression of the NetCon weight vector for net_send
        self.uid = 0
        self.watch_index: Dict[int, int] = {}
        if kinetic:
            self.scopes[0].update({"f_flux": "_lf_flux", "b_flux": "_lb_flux"})

    # ---------------------------------------------------------------- output

    def w(self, s: str) -> None:
        self.lines.append("    " * self.ind + s)

    def fresh(self, base: str) -> str:
        self.uid += 1
        return "%s%d" % (base, self.uid)

    def declare(self, name: str, c_name: Optional[str] = None) -> str:
        c_name = c_name or local(name)
        self.scopes[-1][name] = c_name
        return c_name

    def push(self) -> None:
        self.scopes.append({})

    def pop(self) -> None:
        self.scopes.pop()

    def lookup_local(self, name: str) -> Optional[str]:
        for sc in reversed(self.scopes):
            if name in sc:
                return sc[name]
        return None

    # ---------------------------------------------------------------- expressions

    def name_ref(self, name: str, index: Optional[N.Expr], node: N.Node) -> str:
        idx = self.expr(index) if index is not None else None
        sub = "[%s]" % self.index(index) if index is not None else ""
        loc = self.lookup_local(name)
        if loc is not None:
            return loc + sub
        s = self.m.symbols.get(name)
        if name.startswith("_") and (s is None or s.kind != "work"):
            return name + sub
        if s is None:
            return name + sub   # a C name declared in VERBATIM code
        if s.kind in ("function", "procedure"):
            raise NmodlError("%s is a %s, not a variable" % (name, s.kind), node.loc)
        return symbol_ref(self.m, s, idx)

    def expr(self, e: N.Expr, parent: int = 0, right: bool = False) -> str:
        if isinstance(e, N.Num):
            return c_double(e.value)
        if isinstance(e, N.Str):
            return c_string(e.value)
        if isinstance(e, N.Var):
            return self.name_ref(e.name, e.index, e)
        if isinstance(e, N.Paren):
            return "(%s)" % self.expr(e.expr)
        if isinstance(e, N.UnaryOp):
            inner = self.expr(e.operand, 7)
            return "%s%s" % (e.op, inner) if not inner.startswith(e.op) else "%s(%s)" % (e.op, inner)
        if isinstance(e, N.BinOp):
            if e.op == "^":
                return "pow(%s, %s)" % (self.expr(e.left), self.expr(e.right))
            if e.op == "%":
                return "fmod(%s, %s)" % (self.expr(e.left), self.expr(e.right))
            p = _CPREC[e.op]
            if p <= 4:   # comparisons: always parenthesise the operands' structure explicitly
                s = "%s %s %s" % (self.expr(e.left, 8), e.op, self.expr(e.right, 8))
            else:
                s = "%s %s %s" % (self.expr(e.left, p), e.op, self.expr(e.right, p, True))
            if p < parent or (p == parent and right) or (p <= 4 and parent > 0):
                return "(%s)" % s
            return s
        if isinstance(e, N.Call):
            return self.call(e)
        if isinstance(e, N.Prime):
            raise UnsupportedError("derivative %s' in an expression" % e.name, e.loc)
        raise InternalCompilerError("cannot emit expression %r" % (e,))

    def call(self, c: N.Call) -> str:
        m = self.m
        name = c.name
        args = [self.expr(a) for a in c.args]
        s = m.symbols.get(name)
        if s is not None and s.kind in ("function", "procedure", "function_table"):
            suffix = "_T" if self.twins is not None and name in self.twins else ""
            return "%s%s(%s)" % (fun(name), suffix, ", ".join([ARGS] + args))
        if s is not None and s.kind in ("linear", "nonlinear"):
            return "%s(%s)" % (fun(name), ARGS)
        if name in B.MATH:
            return "%s(%s)" % (_MATH_C.get(name, name), ", ".join(args))
        if name == "exprelr":
            return "_nmodl_rt::exprelr(%s)" % args[0]
        if name == "nrn_ghk":
            return "_nmodl_rt::ghk(%s, _ctx->celsius)" % ", ".join(args)
        if name == "at_time":
            return "_nmodl_rt::at_time(_ctx, %s)" % args[0]
        if name == "net_send":
            return "_ctx->api->net_send(_ctx, _m, _i, %s, %s, %s)" % (self.weights, args[0], args[1])
        if name == "net_event":
            return "_ctx->api->net_event(_ctx, _m, _i, %s)" % args[0]
        if name == "net_move":
            return "_ctx->api->net_move(_ctx, _m, _i, %s)" % args[0]
        if name == "printf":
            return "_nmodl_rt::nrn_printf(%s)" % ", ".join(args)
        if name in ("fprintf", "prterr"):
            return "_nmodl_rt::message(%s)" % ", ".join(args[1:] if name == "fprintf" else args)
        if name == "state_discontinuity":
            return "(%s = %s)" % (args[0], args[1])
        if name == "nrn_pointing":
            a = c.args[0]
            sym = m.symbols.get(a.name) if isinstance(a, N.Var) else None
            if sym is None or sym.storage != SLOT:
                raise NmodlError("nrn_pointing needs a POINTER", c.loc)
            return "(%s != nullptr)" % slot(sym.slot)
        if name in ("scop_random", "exprand", "normrand", "poisrand", "factorial", "sigmoid",
                    "set_seed", "random_uniform", "random_negexp", "random_normal",
                    "random_setseq", "random_setids", "random_ipick", "random_dpick"):
            return "_nmodl_rt::%s(%s)" % (name, ", ".join(args))
        if name in B.NEURON:
            raise UnsupportedError("the built-in %s()" % name, c.loc)
        return "%s(%s)" % (name, ", ".join(args))   # EXTERNAL or VERBATIM-defined C function

    # ---------------------------------------------------------------- statements

    def block(self, b: N.Block, braces: bool = True) -> None:
        if braces:
            self.w("{")
            self.ind += 1
        self.push()
        for s in b.stmts:
            self.stmt(s)
        self.pop()
        if braces:
            self.ind -= 1
            self.w("}")

    def stmt(self, s: N.Stmt) -> None:
        meth = getattr(self, "s_" + type(s).__name__, None)
        if meth is None:
            raise UnsupportedError(type(s).__name__, s.loc)
        meth(s)

    def s_Block(self, s: N.Block) -> None:
        self.block(s)

    def s_LocalDecl(self, s: N.LocalDecl) -> None:
        for name, size in s.names:
            c = self.declare(name)
            if size is None:
                self.w("double %s = 0.0;" % c)
            else:
                self.w("double %s[%d] = {0.0};" % (c, size))

    def s_Assign(self, s: N.Assign) -> None:
        t = s.target
        if isinstance(t, N.Prime):
            raise InternalCompilerError("prime left after the solver passes", s.loc)
        self.w("%s = %s;" % (self.name_ref(t.name, t.index, t), self.expr(s.value)))

    def s_ExprStmt(self, s: N.ExprStmt) -> None:
        self.w("%s;" % self.expr(s.expr))

    def s_If(self, s: N.If) -> None:
        self.w("if (%s) {" % self.expr(s.cond))
        self.ind += 1
        self.block(s.body, braces=False)
        self.ind -= 1
        o = s.orelse
        if o is None:
            self.w("}")
        elif isinstance(o, N.If):
            self.w("} else")
            self.s_If(o)
        else:
            self.w("} else {")
            self.ind += 1
            self.block(o, braces=False)
            self.ind -= 1
            self.w("}")

    def s_While(self, s: N.While) -> None:
        self.w("while (%s) {" % self.expr(s.cond))
        self.ind += 1
        self.block(s.body, braces=False)
        self.ind -= 1
        self.w("}")

    def s_FromTo(self, s: N.FromTo) -> None:
        if self.lookup_local(s.var) is None and s.var not in self.m.symbols:
            self.w("double %s = 0.0;" % self.declare(s.var))   # implicit loop index
        v = self.name_ref(s.var, None, s)
        step = self.expr(s.step) if s.step is not None else "1.0"
        self.w("for (%s = %s; %s <= %s; %s += %s) {" % (v, self.expr(s.start), v, self.expr(s.stop),
                                                       v, step))
        self.ind += 1
        self.block(s.body, braces=False)
        self.ind -= 1
        self.w("}")

    def s_Verbatim(self, s: N.Verbatim) -> None:
        for line in verbatim_lines(self, s.text, s.loc):
            self.lines.append(line)

    def s_Lag(self, s: N.Lag) -> None:
        """lag_x_tau = x as it was tau ago (nmodl_lag.hpp); an array x is passed gathered
        from its columns, named by the address of its first element."""
        sym = self.m.symbols[s.name]
        target = self.name_ref("lag_%s_%s" % (s.name, s.by.name), None, s)
        tau = self.expr(s.by)
        self.w("{")
        if sym.size is None:
            x = self.name_ref(s.name, None, s)
            self.w("    const double _lx = %s;" % x)
            self.w("    %s = *_nmodl_rt::lag(_lag_store, &(%s), &_lx, 1, _ctx->t, %s);" % (target, x, tau))
        else:
            n = sym.size
            elems = ", ".join(self.name_ref(s.name, N.Num(float(k), str(k)), s) for k in range(n))
            self.w("    const double _lx[%d] = {%s};" % (n, elems))
            self.w("    const double* _lg = _nmodl_rt::lag(_lag_store, &(%s), _lx, %d, _ctx->t, %s);"
                   % (self.name_ref(s.name, N.Num(0.0, "0"), s), n, tau))
            self.w("    for (int _k = 0; _k < %d; ++_k) { %s[_k] = _lg[_k]; }" % (n, target))
        self.w("}")

    def s_Protect(self, s: N.Protect) -> None:
        self.stmt(s.stmt)   # one thread per mechanism library call: already atomic

    def s_Mutex(self, s: N.Mutex) -> None:
        pass                # see s_Protect

    def s_Conductance(self, s: N.Conductance) -> None:
        pass                # read by the current function (currents.conductance_hints)

    def s_InitialStmt(self, s: N.InitialStmt) -> None:
        pass                # emitted as net_init

    def s_Table(self, s: N.Table) -> None:
        raise InternalCompilerError("TABLE left after the table pass", s.loc)

    def s_Solve(self, s: N.Solve) -> None:
        low = self.m.solve_map[id(s)]
        self.lowered(low)

    def lowered(self, low) -> None:
        m = self.m
        if low.method == "ss_sparse" or low.method == "ss_derivimplicit":
            self.w("{")
            self.ind += 1
            self.w("const double _dtsav = _ctx->dt;")
            self.w("_ctx->dt = %s;" % ("1e9" if low.method == "ss_sparse" else "1e-9"))
            self.stmt(low.stmt)
            self.w("_ctx->dt = _dtsav;")
            self.ind -= 1
            self.w("}")
            return
        self.stmt(low.stmt)

    def s_Watch(self, s: N.Watch) -> None:
        for it in s.items:
            k = self.watch_index[id(it)]
            self.w("if (!_watch_rm++) { _ctx->api->watch_clear(_ctx, _m, _i); }")
            self.w("_ctx->api->watch_activate(_ctx, _m, _i, %d, %s);" % (k, self.expr(it.flag)))

    def s_ForNetcons(self, s: N.ForNetcons) -> None:
        self.w("{")
        self.ind += 1
        self.w("double* _fnc[1024];")
        self.w("const int _nfnc = _nmodl_rt::for_netcons(_ctx, _m, _i, _fnc, 1024);")
        self.w("for (int _kfnc = 0; _kfnc < _nfnc; ++_kfnc) {")
        self.ind += 1
        self.push()
        for k, p in enumerate(s.params):
            self.declare(p, "_fnc[_kfnc][%d]" % k)
        self.block(s.body, braces=False)
        self.pop()
        self.ind -= 1
        self.w("}")
        self.ind -= 1
        self.w("}")

    def s_Equation(self, s: N.Equation) -> None:
        raise UnsupportedError("'~' equations outside LINEAR/NONLINEAR blocks", s.loc)

    def s_Reaction(self, s) -> None:
        raise InternalCompilerError("reaction left after the KINETIC pass", s.loc)

    # ---------------------------------------------------------------- lowered forms

    def _ptr_list(self, vars_: List[N.Var]) -> str:
        return ", ".join("&%s" % self.expr(v) for v in vars_)

    def s_CnexpUpdate(self, s: N.CnexpUpdate) -> None:
        self.s_Assign(s.as_assign())

    def s_Residual(self, s: N.Residual) -> None:
        self.w("_resid[%d] = %s;" % (s.k, self.expr(s.value)))

    def index(self, e: N.Expr) -> str:
        if isinstance(e, N.Num) and e.value == int(e.value):
            return "%d" % int(e.value)
        return "(int)(%s)" % self.expr(e)

    def s_MatElm(self, s: N.MatElm) -> None:
        self.w("_mat[%s*_nsys + %s] %s %s;" % (self.index(s.row), self.index(s.col), s.op,
                                              self.expr(s.value)))

    def s_RhsElm(self, s: N.RhsElm) -> None:
        self.w("_rhs[%s] %s %s;" % (self.index(s.row), s.op, self.expr(s.value)))

    def s_NewtonSolve(self, s: N.NewtonSolve) -> None:
        n = len(s.states)
        self.w("{")
        self.ind += 1
        self.w("double* _x[%d] = {%s};" % (n, self._ptr_list(s.states)))
        if s.kind in ("derivimplicit", "ss_derivimplicit"):
            self.w("double _save[%d];" % n)
            self.w("for (int _k = 0; _k < %d; ++_k) { _save[_k] = *_x[_k]; }" % n)
            self.w("double* _dx[%d] = {%s};" % (n, self._ptr_list(s.dstates)))
        self.w("auto _fn = [&](double* _resid) {")
        self.ind += 1
        self.block(s.body, braces=False)
        if s.kind in ("derivimplicit", "ss_derivimplicit"):
            self.w("for (int _k = 0; _k < %d; ++_k) { _resid[_k] = *_dx[_k] - (*_x[_k] - _save[_k]) / _ctx->dt; }" % n)
        self.ind -= 1
        self.w("};")
        self.w("if (_nmodl_rt::newton(%d, _x, _fn)) { _nmodl_rt::error(\"%s: Newton iteration "
               "failed to converge\", \"%s\"); }" % (n, self.m.name, s.kind))
        if s.kind in ("derivimplicit", "ss_derivimplicit"):
            self.w("double _junk[%d];" % n)
            self.w("_fn(_junk);")
        self.ind -= 1
        self.w("}")

    def s_SparseSolve(self, s: N.SparseSolve) -> None:
        n = len(s.states)
        self.w("{")
        self.ind += 1
        self.w("double* _x[%d] = {%s};" % (n, self._ptr_list(s.states)))
        self.w("double* _d[%d] = {%s};" % (n, self._ptr_list(s.dstates)))
        self.w("const int _nsys = %d;" % n)
        self.w("auto _build = [&](double* _mat, double* _rhs) {")
        self.ind += 1
        self.w("double _lf_flux = 0.0, _lb_flux = 0.0, _term = 0.0, _dt1 = 0.0;")
        self.w("(void) _lf_flux; (void) _lb_flux; (void) _term; (void) _dt1; (void) _nsys;")
        self.push()
        self.scopes[-1].update({"f_flux": "_lf_flux", "b_flux": "_lb_flux"})
        self.block(s.body, braces=False)
        self.pop()
        self.ind -= 1
        self.w("};")
        if s.steadystate:
            call = "_nmodl_rt::ss_sparse(%d, _x, _d, %d, _build)" % (n, int(s.linear))
        else:
            call = "_nmodl_rt::sparse(%d, _x, _d, _ctx->dt, %d, _build)" % (n, int(s.linear))
        self.w("if (%s) { _nmodl_rt::error(\"%s: the KINETIC solve failed\", nullptr); }"
               % (call, self.m.name))
        self.ind -= 1
        self.w("}")

    def s_LinearSolve(self, s: N.LinearSolve) -> None:
        n = len(s.states)
        self.w("{")
        self.ind += 1
        self.w("double* _x[%d] = {%s};" % (n, self._ptr_list(s.states)))
        self.w("const int _nsys = %d;" % n)
        self.w("auto _build = [&](double* _mat, double* _rhs) {")
        self.ind += 1
        self.block(s.body, braces=False)
        self.ind -= 1
        self.w("};")
        self.w("if (_nmodl_rt::linear(%d, _x, _build)) { _nmodl_rt::error(\"%s: singular LINEAR "
               "system\", nullptr); }" % (n, self.m.name))
        self.ind -= 1
        self.w("}")

    def s_RungeKutta(self, s: N.RungeKutta) -> None:
        n = len(s.states)
        self.w("{")
        self.ind += 1
        self.w("double* _x[%d] = {%s};" % (n, self._ptr_list(s.states)))
        self.w("double* _d[%d] = {%s};" % (n, self._ptr_list(s.dstates)))
        self.w("auto _deriv = [&]() {")
        self.ind += 1
        self.block(s.body, braces=False)
        self.ind -= 1
        self.w("};")
        self.w("_nmodl_rt::runge(%d, _x, _d, _ctx->dt, &_ctx->t, _deriv);" % n)
        self.ind -= 1
        self.w("}")

    def s_TableLookup(self, s: N.TableLookup) -> None:
        from .tables import emit_lookup

        emit_lookup(self, s)
