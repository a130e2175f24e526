"""Compiling expressions to Python expressions.

Every compiled expression has a static type: num (a float), bool (a Python bool from a
comparison), str, obj (an object or None), sec (a Section), ptr, or any (known only at run
time: results of method calls and member reads).  Comparisons follow HOC's tolerance:
`a < b` is `a < b - float_epsilon`; `a == b` is `|a - b| <= float_epsilon` (as two
comparisons, like HOC).  `&&` and `||` evaluate both sides, as HOC does, unless the right
side cannot have effects.
"""
from __future__ import annotations

import math
from typing import List, Tuple

from . import nodes as N
from .cg_base import attr_code, is_pure
from .symbols import CALLABLE_KINDS, top_key

_ARITH = {"+": "+", "-": "-", "*": "*", "/": "/"}
_CMP = {"<": ("<", "-"), "<=": ("<=", "+"), ">": (">", "+"), ">=": (">=", "-")}
NUMERIC = ("num", "bool")


def num_literal(x: float) -> str:
    if math.isinf(x):
        return "_INF" if x > 0 else "(-_INF)"
    if math.isnan(x):
        return "_NAN"
    return repr(float(x))


class ExprCompiler:

    # --------------------------------------------------------------- entry points

    def expr(self, node) -> Tuple[str, str]:
        ov = self.override
        if ov is not None and node is ov[0]:
            return ov[1], ov[2]
        method = getattr(self, "x_" + type(node).__name__, None)
        if method is None:
            raise self.fail("syntax error", node)
        return method(node)

    def num(self, node) -> str:
        code, typ = self.expr(node)
        return self.as_num(code, typ, node)

    def as_num(self, code: str, typ: str, node=None) -> str:
        if typ == "num":
            return code
        if typ == "bool":
            return "(1.0 if %s else 0.0)" % code
        if typ == "any":
            return code
        raise self.fail("bad stack access: expecting (double)", node)

    def stored_num(self, node) -> str:
        """A number about to be stored in a double: values of unknown type are checked."""
        code, typ = self.expr(node)
        if typ == "any":
            return "_num(%s)" % code
        return self.as_num(code, typ, node)

    def cond(self, node) -> str:
        code, typ = self.expr(node)
        if typ in ("str", "sec"):
            raise self.fail("bad stack access: expecting (double)", node)
        return code

    def value(self, node) -> str:
        code, typ = self.expr(node)
        if typ == "bool":
            return "(1.0 if %s else 0.0)" % code
        return code

    # ----------------------------------------------------------------- literals

    def x_Num(self, node):
        return num_literal(node.value), "num"

    def x_Str(self, node):
        return repr(node.value), "str"

    # ---------------------------------------------------------------- operators

    def x_Unary(self, node):
        if node.op == "-":
            return "(-%s)" % self.num(node.operand), "num"
        return "(not %s)" % self.cond(node.operand), "bool"

    def x_Binary(self, node):
        op = node.op
        if op in _ARITH:
            return "(%s %s %s)" % (self.num(node.left), _ARITH[op], self.num(node.right)), "num"
        if op == "%":
            a = self.num(node.left)
            r = node.right
            if isinstance(r, N.Num) and r.value > 0 and math.isfinite(r.value):
                # HOC's cyclic remainder agrees with Python's for a positive divisor
                return "(%s %% %s)" % (a, num_literal(r.value)), "num"
            return "_mod(%s, %s)" % (a, self.num(r)), "num"
        if op == "^":
            return "_pow(%s, %s)" % (self.num(node.left), self.num(node.right)), "num"
        if op in _CMP or op in ("==", "!="):
            fast = self.strcmp_test(node)
            if fast is not None:
                return fast, "bool"
        if op in _CMP:
            pyop, sign = _CMP[op]
            return "(%s %s %s %s %s)" % (self.num(node.left), pyop, self.num(node.right), sign,
                                         self.eps()), "bool"
        if op in ("==", "!="):
            return self.equality(node)
        if op in ("&&", "||"):
            a = self.cond(node.left)
            b = self.cond(node.right)
            if is_pure(node.right):
                return "(%s %s %s)" % (a, "and" if op == "&&" else "or", b), "bool"
            return "%s(%s, %s)" % ("_and" if op == "&&" else "_or", a, b), "bool"
        raise self.fail("syntax error", node)

    def strcmp_test(self, node):
        """`strcmp(a, b) OP 0` is `a OP b` on the strings: strcmp gives integers, and UTF-8
        byte order is code point order."""
        left, right = node.left, node.right
        if not (isinstance(right, N.Num) and right.value == 0.0):
            return None
        if not (isinstance(left, N.Name) and left.name == "strcmp" and left.args is not None
                and len(left.args) == 2 and not left.index):
            return None
        sym = self.lookup("strcmp")
        if sym is None or sym.store != "B":
            return None
        parts = []
        for x in left.args:
            code, typ = self.expr(x)
            parts.append(code if typ == "str" else "%s(%s)" % (self.gkey("_fstr"), code))
        return "(%s %s %s)" % (parts[0], node.op, parts[1])

    def equality(self, node):
        lc, lt = self.expr(node.left)
        rc, rt = self.expr(node.right)
        if lt in NUMERIC and rt in NUMERIC:
            lc = self.as_num(lc, lt)
            rc = self.as_num(rc, rt)
            e = self.eps()
            if rc == "0.0":
                code = "(-%s <= %s <= %s)" % (e, lc, e)
            elif _simple(rc):
                code = "(%s - %s <= %s <= %s + %s)" % (rc, e, lc, rc, e)
            else:
                code = "_feq(%s, %s)" % (lc, rc)
            if node.op == "!=":
                code = "(not %s)" % code
            return code, "bool"
        return "%s(%s, %s)" % ("_eq" if node.op == "==" else "_ne", lc, rc), "bool"

    # -------------------------------------------------------------------- names

    def x_Name(self, node):
        sym = self.lookup(node.name)
        if node.args is not None:
            return self.call_name(node, sym)
        if sym is None:
            if node.index:
                raise self.fail("%s not an array variable" % node.name, node)
            return self.undefined_read(node.name), "any"
        kind = sym.kind
        if kind in ("var", "obj", "sec"):
            code = self.data_ref(sym, node)
            return code, {"var": "num", "obj": "obj", "sec": "sec"}[kind]
        if kind == "str":
            if node.index:
                raise self.fail("%s not an array variable" % node.name, node)
            return self.sym_code(sym) + ".v", "str"
        if kind == "bvar":
            self.no_index(node)
            return self.bvar_code(sym), "num"
        if kind == "rangevar":
            return self.range_read(None, sym, node, None)
        if kind == "secprop":
            self.no_index(node)
            return "_cas().%s" % node.name, "num"
        if kind == "template" or kind == "class":
            if len(node.index) == 1:
                return "_tobj(%r, %s)" % (node.name, self.num(node.index[0])), "obj"
            raise self.fail("syntax error", node)
        if kind in CALLABLE_KINDS or kind == "builtin":
            raise self.fail("%s is a function; a call needs ()" % node.name, node)
        raise self.fail("%s can not be used in an expression" % node.name, node)

    def pysec_section(self, node):
        """`_pysec.<name>` (and `_pysec.<name>(x)`): the Python-made section of that name, as
        NEURON's secname() spells it.  Names may contain dots (`_pysec.Cell7.soma`): the
        member chain names a section when its whole text is the name of one."""
        path = _pysec_path(node)
        if path is None or self.lookup("_pysec") is not None:
            return None
        if self.interp.sections.core is None:
            return None
        if self.interp.sections.python_section(path) is None:
            if node.args is None and _pysec_path(node.obj) is None:
                raise self.fail("_pysec.%s is not a section" % path, node)
            return None
        code = "_pysec(%r)" % path
        if node.args is None:
            return code, "sec"
        if len(node.args) != 1:
            raise self.fail("section position needs one argument", node)
        return "%s(%s)" % (code, self.num(node.args[0])), "any"

    def no_index(self, node):
        if node.index:
            raise self.fail("%s not an array variable" % node.name, node)

    def undefined_read(self, name: str) -> str:
        if self.template is None:
            return self.gkey(top_key(name))     # NameError at run time if still undefined
        return "_undef(%r)" % name

    def data_ref(self, sym, node) -> str:
        """Read of a double/objref/section variable, element 0 of an array without index."""
        base = self.sym_code(sym)
        if sym.ndim == 0:
            if node.index:
                raise self.fail("%s not an array variable" % sym.name, node)
            return base
        return base + "[%s]" % self.index_code(base, sym, node.index, node)

    def index_code(self, base: str, sym, index: list, node) -> str:
        if not index:
            return "0"
        if len(index) != sym.ndim:
            raise self.fail("wrong # of subscripts %s" % sym.name, node)
        if len(index) == 1:
            return "_ix(%s, %s, %r)" % (base, self.num(index[0]), sym.name)
        return "%s.flat_index((%s,), %s, %r)" % (base, ", ".join(self.num(i) for i in index),
                                                 self.eps(), sym.name)

    def bvar_code(self, sym) -> str:
        return "_bo_%s.%s" % (sym.name, sym.value[1])

    # --------------------------------------------------------------------- args

    def x_Arg(self, node):
        a = self.arg_slot(node)
        if node.kind == "":
            return a, "num"
        if node.kind == "s":
            return "_sv(%s)" % a, "str"
        if node.kind == "o":
            return a, "obj"
        # $&n: a pointer; its value is p[0] or p[i]
        if node.index:
            return "%s[%s]" % (a, self.ptr_index(node.index[0])), "num"
        return a + "[0]", "num"

    def ptr_index(self, e) -> str:
        return "int(%s + %s)" % (self.num(e), self.eps())

    def arg_slot(self, node) -> str:
        if not self.proc.kind:
            raise self.fail("$%s%s only allowed in a procedure" % (node.kind, node.n or "i"), node)
        if node.index and node.kind != "&":
            raise self.fail("syntax error", node)
        if node.n == 0:
            isym = self.proc.locals.get("i")
            if isym is None or isym.kind != "var":
                raise self.fail("arg index used and i is not a LOCAL variable", node)
            self.proc.needs_tuple = True
            return "_a[int(%s) - 1]" % isym.key
        if self.proc.positional:
            self.proc.maxarg = max(self.proc.maxarg, node.n)
            return "_%d" % node.n
        return "_a[%d]" % (node.n - 1)

    # ------------------------------------------------------------------ members

    def x_Member(self, node):
        pysec = self.pysec_section(node)
        if pysec is not None:
            return pysec
        ocode, otyp = self.expr(node.obj)
        if otyp == "sec":
            return self.section_member(ocode, node)
        if otyp in ("num", "bool", "str"):
            raise self.fail("%s is not an object" % _describe(node.obj), node)
        args = node.args
        if args is not None:
            if node.index:
                return "_mci(%s, %r, (%s,), (%s))" % (
                    ocode, node.name, self.nums(node.index),
                    "".join(a + ", " for a in self.arg_codes(args))), "any"
            wb = self.writeback_args(args)
            if wb:
                tail = "".join(", " + a for a in self.arg_codes(args))
                return self.writeback_call(
                    lambda out: "_mcw(%s, %r, %s%s)" % (ocode, node.name, out, tail), wb), "any"
            if otyp == "obj":
                return "%s(%s)" % (attr_code(ocode, node.name), self.arglist(args)), "any"
            return "_mc(%s, %r%s)" % (ocode, node.name, "".join(", " + a for a in
                                                              self.arg_codes(args))), "any"
        if len(node.index) == 1:
            return "_gm1(%s, %r, %s)" % (ocode, node.name, self.num(node.index[0])), "any"
        if node.index:
            return "_gmi(%s, %r, (%s,))" % (ocode, node.name, self.nums(node.index)), "any"
        return "_gm(%s, %r)" % (ocode, node.name), "any"

    def writeback_call(self, make_call, wb) -> str:
        """A call inside an expression whose object-variable arguments the callee may
        reassign (HOC passes objrefs by reference): `make_call(out)` is the call handing
        the list `out` to the callee; afterwards each such argument takes its final value."""
        out, r = self.tmp(), self.tmp()
        stores = "".join(lv.store_expr.format(v="%s[%d]" % (out, k)) + ", " for k, lv in wb)
        return "((%s := []), (%s := %s), (%s) if %s else None, %s)[3]" % (
            out, r, make_call(out), stores, out, r)

    def nums(self, exprs) -> str:
        return ", ".join(self.num(e) for e in exprs)

    # -------------------------------------------------------------------- calls

    def arg_code(self, node) -> str:
        """An argument as passed to any callable: strdef variables travel as StrArg."""
        if isinstance(node, N.Name) and node.args is None and not node.index:
            sym = self.lookup(node.name)
            if sym is not None and sym.kind == "str":
                return "_SA(%s)" % self.sym_code(sym)
        if isinstance(node, N.Arg) and node.kind == "s":
            return self.arg_slot(node)
        if isinstance(node, (N.RangeArg, N.Taper)):
            raise self.fail("syntax error", node)
        return self.value(node)

    def arg_codes(self, args) -> List[str]:
        return [self.arg_code(a) for a in args]

    def arglist(self, args) -> str:
        return ", ".join(self.arg_codes(args))

    def call_name(self, node, sym):
        name = node.name
        if node.index and (sym is None or sym.kind != "sec"):
            raise self.fail("syntax error", node)
        if sym is None:
            # defined later (or never): a HOC procedure then may reassign objref arguments
            wb = self.writeback_args(node.args)
            tail = "".join(", " + a for a in self.arg_codes(node.args))
            if self.template is None:
                f = self.gkey(top_key(name))
                if wb:
                    return self.writeback_call(
                        lambda out: "_callw(%s, %s%s)" % (f, out, tail), wb), "any"
                return "%s(%s)" % (f, self.arglist(node.args)), "any"
            if wb:
                return self.writeback_call(
                    lambda out: "_rtcall(%r%s, _out=%s)" % (name, tail, out), wb), "any"
            return "_rtcall(%r%s)" % (name, tail), "any"
        kind = sym.kind
        if kind in CALLABLE_KINDS:
            if kind == "iter":
                raise self.fail("iterator %s can only be used in a for statement" % name, node)
            args = self.arglist(node.args)
            wb = self.writeback_args(node.args)
            if wb:
                code = self.writeback_call(lambda out: self.user_call(
                    sym, (args + ", " if args else "") + "_out=" + out), wb)
            else:
                code = self.user_call(sym, args)
            return code, "obj" if kind == "obfunc" else "num"
        if kind == "builtin":
            special = getattr(self, "i_" + name, None)
            if special is not None and "intrinsic" in sym.flags:
                return special(node)
            typ = "str" if "str" in sym.flags else "obj" if "obj" in sym.flags else \
                "any" if "any" in sym.flags else "num"
            return "%s(%s)" % (self.gkey("_b_" + name), self.arglist(node.args)), typ
        if kind == "rangevar":
            return self.range_read(None, sym, node, node.args)
        if kind == "sec":
            if len(node.args) != 1:
                raise self.fail("section position needs one argument", node)
            return "%s(%s)" % (self.data_ref(sym, node), self.num(node.args[0])), "any"
        if kind in ("template", "class"):
            raise self.fail("%s is a template; use new %s()" % (name, name), node)
        raise self.fail("%s not a function" % name, node)

    def user_call(self, sym, args: str) -> str:
        """Call of a user procedure: a global function, or a method of this template
        (called directly with the instance, without building a bound method)."""
        if sym.store == "F":
            return "%s(_s%s)" % (sym.key, ", " + args if args else "")
        return "%s(%s)" % (self.gkey(sym.key), args)

    def x_New(self, node):
        sym = self.lookup(node.template)     # makes an engine class known to the globals
        if sym is not None and sym.kind not in ("template", "class"):
            raise self.fail("%s is not a template" % node.template, node)
        return "c_%s(%s)" % (node.template, self.arglist(node.args)), "obj"

    def x_Assign(self, node):
        return self.assign_expr(node), "num" if self.target_is_num(node.target) else "any"

    def x_Paren(self, node):
        return self.expr(node.expr)

    def x_AddrOf(self, node):
        return self.address(node.target), "ptr"

    def x_RangeArg(self, node):
        raise self.fail("syntax error", node)

    x_Taper = x_RangeArg


def _simple(code: str) -> bool:
    return code.replace("_", "").replace(".", "").isalnum() or code.startswith("_d[")


def _describe(node) -> str:
    return getattr(node, "name", "expression")


def _pysec_path(node):
    """`_pysec.a.b[2].c` -> "a.b[2].c" (constant subscripts only); None for other nodes."""
    parts = []
    while isinstance(node, N.Member):
        idx = ""
        for i in node.index:
            if not isinstance(i, N.Num):
                return None
            idx += "[%d]" % int(i.value)
        parts.append(node.name + idx)
        node = node.obj
    if not parts or not isinstance(node, N.Name) or node.name != "_pysec" or node.index \
            or node.args is not None:
        return None
    return ".".join(reversed(parts))
