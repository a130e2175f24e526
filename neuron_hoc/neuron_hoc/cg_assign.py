"""Compiling assignments (`=`, `+=` ...) and addresses (`&x`).

An assignment target becomes an `LValue`: Python code to load it, a statement template to
store into it, an expression template that stores and yields the value (for `x = y = 1` and
`(a = 4)`), and the kind of value it holds.
"""
from __future__ import annotations

from typing import Optional

from . import nodes as N


class LValue:
    __slots__ = ("load", "store", "store_expr", "kind")

    def __init__(self, load: Optional[str], store: str, store_expr: str, kind: str):
        self.load = load              # None when the target cannot be read (write-only)
        self.store = store            # template with {v}
        self.store_expr = store_expr  # template with {v}, yields the value
        self.kind = kind              # num str obj any range


def _slot(code: str, kind: str) -> LValue:
    if code.isidentifier():
        return LValue(code, code + " = {v}", "(" + code + " := {v})", kind)
    return LValue(code, code + " = {v}", _expr_store(code), kind)


def _expr_store(code: str) -> str:
    """`a[i] = v` as an expression: `_seti(a, i, v)`; `o.x = v`: `_seta(o, 'x', v)`."""
    if code.endswith("]"):
        depth = 0
        for k in range(len(code) - 1, -1, -1):
            c = code[k]
            if c == "]":
                depth += 1
            elif c == "[":
                depth -= 1
                if depth == 0:
                    return "_seti(%s, %s, {v})" % (code[:k], code[k + 1:-1])
    k = code.rfind(".")
    return "_seta(%s, %r, {v})" % (code[:k], code[k + 1:])


class AssignCompiler:

    def target_is_num(self, target) -> bool:
        try:
            return self.lvalue(target).kind == "num"
        except Exception:
            return False

    # ------------------------------------------------------------------ targets

    def lvalue(self, target, taper=False) -> LValue:
        if isinstance(target, N.Name):
            return self.name_lvalue(target)
        if isinstance(target, N.Arg):
            return self.arg_lvalue(target)
        if isinstance(target, N.Member):
            return self.member_lvalue(target)
        raise self.fail("syntax error", target)

    def name_lvalue(self, node) -> LValue:
        sym = self.lookup(node.name)
        if sym is None:
            if node.args is not None:
                raise self.fail("%s is not a range variable" % node.name, node)
            sym = self.declare(node.name, "var", 0, node)
        kind = sym.kind
        if kind == "rangevar":
            return self.range_lvalue("None", node.name, node.args, node)
        if node.args is not None:
            raise self.fail("syntax error", node)
        if kind == "var":
            return _slot(self.data_ref_w(sym, node), "num")
        if kind == "obj":
            return _slot(self.data_ref_w(sym, node), "obj")
        if kind == "str":
            ref = self.sym_code(sym)
            return LValue(ref + ".v", ref + ".v = {v}", "_setv(%s, {v})" % ref, "str")
        if kind == "bvar":
            code = self.bvar_code(sym)
            return LValue(code, code + " = {v}", _expr_store(code), "num")
        if kind == "secprop":
            code = "_cas().%s" % node.name
            return LValue(code, code + " = {v}", _expr_store(code), "num")
        if kind == "sec":
            raise self.fail("section %s cannot be assigned" % node.name, node)
        raise self.fail("%s cannot be assigned" % node.name, node)

    def data_ref_w(self, sym, node) -> str:
        base = self.sym_code(sym, write=True)
        if sym.ndim == 0:
            if node.index:
                raise self.fail("%s not an array variable" % sym.name, node)
            return base
        return base + "[%s]" % self.index_code(base, sym, node.index, node)

    def arg_lvalue(self, node) -> LValue:
        slot = self.arg_slot(node)
        if node.kind == "&":
            code = slot + ("[%s]" % self.ptr_index(node.index[0]) if node.index else "[0]")
            return LValue(code, code + " = {v}", _expr_store(code), "num")
        self.proc.args_mutable = True
        if node.kind == "s":
            return LValue("_sv(%s)" % slot, "_setsarg(_a, %s, {v})" % slot[3:-1],
                          "_setsarg(_a, %s, {v})" % slot[3:-1], "str")
        if node.kind == "o":
            self.proc.writes_objarg = True
            return LValue(slot, slot + " = {v}", _expr_store(slot), "obj")
        return LValue(slot, slot + " = {v}", _expr_store(slot), "num")

    def member_lvalue(self, node) -> LValue:
        ocode, otyp = self.expr(node.obj)
        if otyp == "sec":
            if node.args is None and node.name in self.interp.secprops:
                code = "%s.%s" % (ocode, node.name)
                return LValue(code, code + " = {v}", _expr_store(code), "num")
            return self.range_lvalue(ocode, node.name, node.args, node)
        if otyp in ("num", "bool", "str"):
            raise self.fail("not an object", node)
        name = node.name
        if node.args is not None:
            args = ", ".join(self.num(a) for a in node.args)
            load = "_mc(%s, %r, %s)" % (ocode, name, args)
            store = "_smx(%s, %r, (%s,), {v})" % (ocode, name, args)
            return LValue(load, store, store, "any")
        if node.index:
            idx = self.nums(node.index)
            load = "_gmi(%s, %r, (%s,))" % (ocode, name, idx)
            store = "_smi(%s, %r, (%s,), {v})" % (ocode, name, idx)
            return LValue(load, store, store, "any")
        load = "_gm(%s, %r)" % (ocode, name)
        store = "_sm(%s, %r, {v})" % (ocode, name)
        return LValue(load, store, store, "any")

    def range_lvalue(self, sec: str, name: str, args, node) -> LValue:
        if args is None:
            return LValue("_rv(%s, %r, 0.5)" % (sec, name), "_rv_all(%s, %r, {v})" % (sec, name),
                          "_rv_all(%s, %r, {v})" % (sec, name), "num")
        if len(args) != 1:
            raise self.fail("range variable takes one arc position", node)
        a = args[0]
        if isinstance(a, N.RangeArg):
            lo, hi = self.num(a.lo), self.num(a.hi)
            st = "_rv_taper(%s, %r, %s, %s, {v})" % (sec, name, lo, hi)
            return LValue(None, st, st, "range")
        x = self.num(a)
        return LValue("_rv(%s, %r, %s)" % (sec, name, x),
                      "_rv_set(%s, %r, %s, {v})" % (sec, name, x),
                      "_rv_set(%s, %r, %s, {v})" % (sec, name, x), "num")

    # -------------------------------------------------------------- assignment

    def rhs(self, node, lv: LValue) -> str:
        value = node.value
        if lv.kind == "range":
            if not isinstance(value, N.Taper):
                raise self.fail("syntax error", node)
            if node.op != "=":
                raise self.fail("Invalid assignment operator. Only '=' allowed.", node)
            return "%s, %s" % (self.num(value.lo), self.num(value.hi))
        if isinstance(value, N.Taper):
            raise self.fail("syntax error", node)
        if node.op != "=":
            if lv.kind not in ("num", "any") or lv.load is None:
                raise self.fail("Invalid assignment operator. Only '=' allowed.", node)
            return "(%s %s %s)" % (lv.load, node.op[0], self.num(value))
        if lv.kind == "num":
            return self.stored_num(value)
        if lv.kind == "str":
            code, typ = self.expr(value)
            if typ in ("num", "bool"):
                raise self.fail("string assignment: both sides need to be a string", node)
            return code if typ == "str" else "_str(%s)" % code
        if lv.kind == "obj":
            code, typ = self.expr(value)
            if typ in ("num", "bool"):
                raise self.fail("assignment to object variable needs an object", node)
            return code
        return self.value(value)

    def assign_stmt(self, node) -> None:
        lv = self.lvalue(node.target)
        self.emit(lv.store.format(v=self.rhs(node, lv)))

    def assign_expr(self, node) -> str:
        lv = self.lvalue(node.target)
        return lv.store_expr.format(v=self.rhs(node, lv))

    # ----------------------------------------------------------------- address

    def address(self, target) -> str:
        if isinstance(target, N.Arg):
            if target.kind != "&":
                raise self.fail("syntax error", target)
            slot = self.arg_slot(target)
            if target.index:
                return "_shift(%s, %s)" % (slot, self.ptr_index(target.index[0]))
            return slot
        if isinstance(target, N.Member):
            ocode, otyp = self.expr(target.obj)
            if target.args is not None:
                x = self.num(target.args[0]) if target.args else "0.5"
            else:
                x = "None"
            idx = "(%s,)" % self.nums(target.index) if target.index else "None"
            if otyp == "sec":
                return "_rvref(%s, %r, %s)" % (ocode, target.name, "0.5" if x == "None" else x)
            return "_mref(%s, %r, %s, %s)" % (ocode, target.name, idx, x)
        if not isinstance(target, N.Name):
            raise self.fail("syntax error", target)
        sym = self.lookup(target.name)
        if sym is None:
            return "_undef(%r)" % target.name     # as HOC: an error when the statement runs
        kind = sym.kind
        if kind == "rangevar":
            x = "0.5"
            if target.args:
                x = self.num(target.args[0])
            return "_rvref(None, %r, %s)" % (target.name, x)
        if target.args is not None:
            raise self.fail("syntax error", target)
        if kind == "bvar":
            return "_bref(%r)" % target.name
        if kind == "var":
            if sym.store == "L":
                raise self.fail("the address of a local variable can not be taken", target)
            base = self.sym_code(sym)
            if sym.ndim:
                return "_AP(%s, %s, %r)" % (base, self.index_code(base, sym, target.index, target),
                                            target.name)
            d = "_d" if sym.store == "F" else "_G"
            return "_VP(%s, %r, %r)" % (d, sym.key, target.name)
        if kind == "obj":
            return self.data_ref(sym, target)
        if kind == "str":
            return self.sym_code(sym)
        raise self.fail("can not take the address of %s" % target.name, target)

    def writeback_args(self, args) -> list:
        """(position, lvalue) of arguments that are object variables (objrefs, and `$oN`,
        which passes its caller's variable on), for `$oN = ...` in the callee."""
        out = []
        for k, a in enumerate(args):
            if isinstance(a, N.Name) and a.args is None:
                sym = self.lookup(a.name)
                if sym is not None and sym.kind == "obj":
                    out.append((k, self.lvalue(a)))
            elif isinstance(a, N.Arg) and a.kind == "o" and a.n and not a.index:
                out.append((k, self.lvalue(a)))
        return out

