"""Compiling statements to Python statements."""
from __future__ import annotations

import re

from . import nodes as N
from .cg_base import INDENT, attr_code
from .cg_loops import LoopCompiler
from .symbols import CALLABLE_KINDS

_NAME_RX = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class StmtCompiler(LoopCompiler):

    def stmt(self, node) -> None:
        self.at(node)
        method = getattr(self, "s_" + type(node).__name__, None)
        if method is None:
            raise self.fail("syntax error", node)
        method(node)

    def block(self, node) -> None:
        """Compile a statement (or list of statements) one indentation level deeper."""
        self.indent += 1
        n = len(self.lines)
        if isinstance(node, list):
            for s in node:
                self.stmt(s)
        else:
            self.stmt(node)
        if len(self.lines) == n:
            self.emit("pass")
        self.indent -= 1

    def s_Block(self, node):
        for s in node.body:
            self.stmt(s)

    def s_Nothing(self, node):
        pass

    # ------------------------------------------------------------- expressions

    def s_ExprStmt(self, node, toplevel: bool = False):
        e = node.expr
        if isinstance(e, N.Assign):
            self.assign_stmt(e)
            return
        if toplevel and self.toplevel_print:
            if isinstance(e, N.Name) and e.args is not None:
                sym = self.lookup(e.name)
                if sym is not None and sym.kind in CALLABLE_KINDS and sym.kind != "func" \
                        and sym.kind != "obfunc":
                    self.call_stmt(e, sym)
                    return
            if isinstance(e, N.Member) and e.args is not None:
                ocode, otyp = self.expr(e.obj)
                t = self.tmp()
                self.emit("%s = %s" % (t, ocode))
                self.override = (e.obj, t, otyp)
                code, typ = self.expr(e)
                self.override = None
                self.emit("_prvm(%s, %s)" % (t, code))
                return
            code, typ = self.expr(e)
            if typ == "str":
                self.emit("_prs(%s)" % code)
            else:
                self.emit("_prv(%s)" % (code if typ != "bool" else "(1.0 if %s else 0.0)" % code))
            return
        if isinstance(e, N.Str):
            return
        if isinstance(e, N.Member) and e.args and not e.index and self.writeback_args(e.args):
            self.method_call_stmt(e)
            return
        if isinstance(e, N.Name) and e.args is not None:
            sym = self.lookup(e.name)
            if sym is not None and sym.kind in CALLABLE_KINDS:
                self.call_stmt(e, sym)
                return
            if sym is not None and "intrinsic" in sym.flags:
                st = getattr(self, "st_" + e.name, None)
                if st is not None and st(e):
                    return
        code, _ = self.expr(e)
        self.emit(code)

    def call_stmt(self, e, sym) -> None:
        """A user procedure call as a statement; object variables passed as arguments are
        updated if the procedure assigns `$oN` (HOC passes objrefs by reference)."""
        if sym.kind == "iter":
            raise self.fail("iterator %s can only be used in a for statement" % e.name, e)
        wb = self.writeback_args(e.args)
        args = self.arglist(e.args)
        if not wb:
            self.emit(self.user_call(sym, args))
            return
        t = self.tmp()
        self.emit("%s = []" % t)
        self.emit(self.user_call(sym, (args + ", " if args else "") + "_out=%s" % t))
        self.emit("if %s:" % t)
        self.indent += 1
        for k, lv in wb:
            self.emit(lv.store.format(v="%s[%d]" % (t, k)))
        self.indent -= 1

    def method_call_stmt(self, e) -> None:
        """obj.method(..., objvar, ...) as a statement: a HOC method may assign `$oN`."""
        ocode, otyp = self.expr(e.obj)
        if otyp in ("num", "bool", "str", "sec"):
            self.emit(self.expr(e)[0])
            return
        wb = self.writeback_args(e.args)
        t = self.tmp()
        args = self.arglist(e.args)
        direct = _NAME_RX.match(ocode) is not None
        if direct:
            # only a template method can assign $oN: an object whose type _mcw has found to
            # be plain (not a template instance, not a section) is called directly
            self.emit("if type(%s) in _PT:" % ocode)
            self.emit(INDENT + "%s(%s)" % (attr_code(ocode, e.name), args))
            self.emit("else:")
            self.indent += 1
        self.emit("%s = []" % t)
        self.emit("_mcw(%s, %r, %s%s)" % (ocode, e.name, t, ", " + args if args else ""))
        self.emit("if %s:" % t)
        self.indent += 1
        for k, lv in wb:
            self.emit(lv.store.format(v="%s[%d]" % (t, k)))
        self.indent -= 1 + direct

    def s_Print(self, node):
        """Numbers print as %.8g and a space, strings as they are, objects by name; each item
        is written when evaluated (an error in a later item leaves the earlier ones printed)."""
        parts = []
        for item in node.items:
            code, typ = self.expr(item)
            if typ == "str":
                parts.append(code)
            elif typ == "num":
                parts.append("'%%.8g ' %% (%s,)" % code)
            elif typ == "bool":
                parts.append("('1 ' if %s else '0 ')" % code)
            else:
                parts.append("_pv(%s)" % code)
        for part in parts[:-1]:
            self.emit("_pw(%s)" % part)
        self.emit("_print(%s)" % parts[-1])

    # ------------------------------------------------------------ control flow

    def s_If(self, node):
        self.emit("if %s:" % self.cond(node.cond))
        self.block(node.then)
        if node.orelse is not None:
            self.emit("else:")
            self.block(node.orelse)

    def s_Jump(self, node):
        kind = node.kind
        if kind == "stop":
            self.emit("raise _Stop()")
            return
        if kind == "iterator_statement":
            if self.proc.kind != "iter":
                raise self.fail("iterator_statement used outside an iterator declaration", node)
            if self.proc.writes_objarg:
                # the caller's statement sees object arguments the iterator assigned
                self.emit("if _out is not None:")
                self.emit(INDENT + "_out[:] = _a")
            self.emit("yield")
            return
        if not self.loops:
            raise self.fail("%s not inside a loop" % kind, node)
        if kind == "continue" and self.loops[-1] is not None:
            self.stmt(self.loops[-1])
        self.emit(kind)

    def s_Return(self, node):
        kind = self.proc.kind
        if not kind:
            raise self.fail("return not in a procedure", node)
        if kind in ("iter", "proc"):
            if node.value is not None:
                msg = "%s (proc or iterator) returns value" % self.proc.name
                self.emit("raise _err(%r)" % msg)
            else:
                self.emit("return" if kind == "iter" else "return 0.0")
            return
        if node.value is None:
            self.emit("raise _err(%r)" % ("%s (%s) returns no value" % (self.proc.name, kind)))
            return
        if kind == "func":
            self.emit("return %s" % self.stored_num(node.value))
        else:
            code, typ = self.expr(node.value)
            if typ in ("num", "bool"):
                self.emit("raise _err(%r)" % ("%s objfunc returns objref" % self.proc.name))
            else:
                self.emit("return %s" % code)

    # ------------------------------------------------------------ declarations

    def s_Decl(self, node):
        kind = node.kind
        for k, (name, dims) in enumerate(node.items):
            where = N.Nothing(node.line, node.cols[k] if k < len(node.cols) else node.col)
            if kind == "double":
                sym = self.declare(name, "var", len(dims), where)
                fill = "0.0"
            elif kind == "objref":
                sym = self.declare(name, "obj", len(dims), where)
                fill = "None"
            elif kind == "strdef":
                sym = self.declare(name, "str", 0, where)
                self.emit("%s.v = ''" % self.sym_code(sym))
                continue
            else:
                sym = self.declare(name, "sec", len(dims), where)
                slot = self.sym_code(sym, write=True)
                dimcode = "(%s)" % "".join("_dim(%s), " % self.num(d) for d in dims)
                owner = "_s" if sym.store == "F" else "None"
                self.emit("%s = _create(%r, %s, %s, %s)" % (slot, name, dimcode, owner,
                                                          self.old_value(sym)))
                continue
            slot = self.sym_code(sym, write=True)
            if dims:
                self.emit("%s = _mkarr((%s), %s)" % (
                    slot, "".join("_dim(%s), " % self.num(d) for d in dims), fill))
            else:
                self.emit("%s = %s" % (slot, fill))

    def old_value(self, sym) -> str:
        if sym.store == "F":
            return "_d.get(%r)" % sym.key
        return "_G.get(%r)" % sym.key

    def s_Delete(self, node):
        self.emit("_delete_symbol(%r)" % node.name)
        self.interp.top.remove(node.name)

    # ---------------------------------------------------------------- sections

    def s_Access(self, node):
        code, typ = self.expr(node.sec)
        self.emit("_access(%s)" % code)

    def s_Connect(self, node):
        child, _ = self.expr(node.child)
        parent = self.value(node.parent)
        self.emit("_connect(%s, %s)" % (child, parent))

    def s_Insert(self, node):
        self.emit("%s(%r)" % ("_uninsert" if node.remove else "_insert", node.mech))

    def s_SecStmt(self, node):
        code, typ = self.expr(node.sec)
        s = self.tmp("_sec")
        self.emit("%s = %s" % (s, code))
        p = self.tmp("_p")
        # the depth before the push: the body may delete the pushed section
        self.emit("%s = %s(%s)" % (p, "_push" if typ == "sec" else "_pushq", s))
        self.emit("try:")
        self.block(node.body)
        self.emit("finally:")
        self.indent += 1
        self.emit("_popto(%s)" % p)
        self.indent -= 1

    def s_ForSec(self, node):
        if node.kind == "ifsec":
            self.emit("if _ifsec(%s):" % self.value(node.what))
            self.block(node.body)
            return
        s = self.tmp("_sec")
        # inside an object, forall and forsec see only that object's sections
        owner = "_s" if self.template is not None or not self.proc.kind else "None"
        source = "_allsec(%s)" % owner if node.kind == "forall" else \
            "_forsec(%s, %s)" % (self.value(node.what), owner)
        p = self.tmp("_p")
        self.emit("for %s in %s:" % (s, source))
        self.indent += 1
        self.emit("%s = _push(%s)" % (p, s))
        self.emit("try:")
        self.loops.append(None)
        self.block(node.body)
        self.loops.pop()
        self.emit("finally:")
        self.indent += 1
        self.emit("_popto(%s)" % p)
        self.indent -= 2

    def s_ForSeg(self, node):
        lv = self.lvalue(node.var)
        if lv.kind != "num":
            raise self.fail("for loop non-variable", node)
        ends = "1.0" if node.ends is None else self.num(node.ends)
        self.emit("for %s in _segxs(%s):" % (lv.load, ends))
        self.loops.append(None)
        self.block(node.body)
        self.loops.pop()

    def s_Setpointer(self, node):
        ptr = self.address(node.pointer)
        t = node.target
        if isinstance(t, N.Member) and t.args is None:
            ocode, _ = self.expr(t.obj)
            self.emit("_setpointer(%s, %r, %s)" % (ocode, t.name, ptr))
            return
        if isinstance(t, N.Name) and t.args:
            self.emit("_setpointer_rv(%r, %s, %s)" % (t.name, self.num(t.args[0]), ptr))
            return
        if isinstance(t, N.Member) and t.args:
            ocode, otyp = self.expr(t.obj)
            if otyp == "sec":   # sec.pointer_suffix(x)
                self.emit("_setpointer(%s(%s), %r, %s)" % (ocode, self.num(t.args[0]), t.name, ptr))
                return
        raise self.fail("setpointer needs obj.var or rangevar(x)", node)

