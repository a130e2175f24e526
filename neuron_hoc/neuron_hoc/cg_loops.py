"""Loops, and the one optimisation that matters for interpreted HOC.

A loop whose body only computes with numbers (no calls that could run user code, no object
or section access) cannot let anything else observe the variables it touches while it runs.
Such a loop keeps those variables in Python locals and stores them back when it ends (also
on an error), which turns global-dict traffic into fast local access.  `for i = a, b` with a
body that does not assign `i` iterates a range of floats instead of testing and adding.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Dict, List, Set, Tuple

from . import nodes as N
from .cg_base import attr_code
from .symbols import top_key

_PURE_NODES = (N.ExprStmt, N.If, N.While, N.For, N.ForRange, N.Block, N.Print, N.Nothing,
               N.Num, N.Str, N.Unary, N.Binary, N.Assign, N.Paren)


def walk(node):
    """Every node below (and including) `node`, depth first."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, list):
            stack.extend(n)
            continue
        if not hasattr(n, "__dataclass_fields__"):
            continue
        yield n
        for f in fields(n):
            v = getattr(n, f.name)
            if isinstance(v, (list,)) or hasattr(v, "__dataclass_fields__"):
                stack.append(v)


class LoopCompiler:

    # -------------------------------------------------------------- analysis

    def pure_loop(self, node) -> bool:
        """True when nothing but this loop can see the variables it uses."""
        for n in walk(node):
            if isinstance(n, N.Name):
                sym = self.lookup(n.name)
                if n.args is not None:
                    if sym is None or sym.kind != "builtin" or "pure" not in sym.flags:
                        return False
                elif sym is not None and sym.kind != "var":
                    return False
            elif isinstance(n, N.Arg):
                if n.kind != "":
                    return False
            elif isinstance(n, N.Jump):
                if n.kind not in ("break", "continue"):
                    return False
            elif not isinstance(n, _PURE_NODES):
                return False
        return True

    def loop_vars(self, node) -> Tuple[Dict[str, object], Set[str]]:
        """Data symbols a loop uses (by storage code) and the codes it writes."""
        used: Dict[str, object] = {}
        written: Set[str] = set()
        for n in walk(node):
            t = n.target if isinstance(n, N.Assign) else n.var if isinstance(n, N.ForRange) \
                else None
            if isinstance(t, N.Name) and t.args is None and self.lookup(t.name) is None:
                self.declare(t.name, "var", 0, t)
        for n in walk(node):
            if isinstance(n, N.Name) and n.args is None:
                sym = self.lookup(n.name)
                if sym is None or sym.kind != "var" or sym.store not in ("G", "F"):
                    continue
                code = self.sym_code(sym)
                used[code] = sym
            elif isinstance(n, N.Name):
                sym = self.lookup(n.name)
                if sym is not None and sym.kind == "builtin" and "intrinsic" not in sym.flags:
                    used["_b_" + n.name] = sym
        for n in walk(node):
            target = None
            if isinstance(n, N.Assign):
                target = n.target
            elif isinstance(n, N.ForRange):
                target = n.var
            if isinstance(target, N.Name):
                sym = self.lookup(target.name)
                if sym is not None and sym.kind == "var" and sym.ndim == 0 and \
                        sym.store in ("G", "F"):
                    written.add(self.sym_code(sym))
        eps = self.lookup("float_epsilon")
        if eps is not None:
            used.setdefault(self.sym_code(eps), eps)
        return used, written

    def cached(self, node, compile_loop) -> None:
        if self.cache or not self.pure_loop(node):
            compile_loop()
            return
        used, written = self.loop_vars(node)
        if not used:
            compile_loop()
            return
        mapping = {}
        for code in used:
            local = self.tmp("_g")
            self.emit("%s = %s" % (local, code))
            mapping[code] = local
        stores = [(code, mapping[code]) for code in used if code in written]
        self.cache = mapping
        self.emit("try:")
        self.indent += 1
        n = len(self.lines)
        compile_loop()
        if len(self.lines) == n:
            self.emit("pass")
        self.indent -= 1
        self.cache = {}
        if stores:
            self.emit("finally:")
            self.indent += 1
            for code, local in stores:
                if not code.startswith("_d["):
                    self.assigned_globals.add(code)
                self.emit("%s = %s" % (code, local))
            self.indent -= 1
        else:
            self.emit("finally:")
            self.indent += 1
            self.emit("pass")
            self.indent -= 1

    # ----------------------------------------------------------------- loops

    def loop_body(self, body, inc=None, trailer: List = ()) -> None:
        self.loops.append(inc)
        self.indent += 1
        n = len(self.lines)
        self.stmt(body)
        for s in trailer:
            self.stmt(s)
        if len(self.lines) == n:
            self.emit("pass")
        self.indent -= 1
        self.loops.pop()

    def s_While(self, node):
        def go():
            self.emit("while %s:" % self.cond(node.cond))
            self.loop_body(node.body)
        self.cached(node, go)

    def s_For(self, node):
        def go():
            if node.init is not None:
                self.stmt(node.init)
            self.at(node)
            self.emit("while %s:" % self.cond(node.cond))
            self.loop_body(node.body, node.inc, [node.inc] if node.inc is not None else [])
        self.cached(node, go)

    def s_ForRange(self, node):
        def go():
            b, e = self.tmp("_b"), self.tmp("_e")
            self.emit("%s = %s" % (b, self.num(node.start)))
            self.emit("%s = %s + %s" % (e, self.num(node.stop), self.eps()))
            lv = self.lvalue(node.var)
            if lv.kind != "num" or lv.load is None:
                raise self.fail("for loop non-variable", node)
            self.emit(lv.store.format(v=b))
            inc = N.ExprStmt(N.Assign(node.var, "+=", N.Num(1.0, node.line, node.col), node.line,
                                      node.col), node.line, node.col)
            if self.range_iterable(node):
                self.emit("if %s <= %s:" % (b, e))
                self.indent += 1
                self.emit("for %s in _frange(%s, %s):" % (lv.load, b, e))
                self.loop_body(node.body)
                self.emit("else:")
                self.indent += 1
                self.stmt(inc)
                self.indent -= 2
            else:
                self.emit("while %s <= %s:" % (lv.load, e))
                self.loop_body(node.body, inc, [inc])
        self.cached(node, go)

    def range_iterable(self, node) -> bool:
        """The loop variable changes only by the loop's own increment."""
        name = node.var.name
        sym = self.lookup(name)
        for n in walk(node.body):
            target = n.target if isinstance(n, N.Assign) else n.var \
                if isinstance(n, (N.ForRange, N.ForSeg)) else n.target if \
                isinstance(n, N.Read) else None
            if isinstance(target, N.Name) and target.name == name:
                return False
            if isinstance(n, N.AddrOf) and isinstance(n.target, N.Name) and \
                    n.target.name == name:
                return False
        if sym is not None and sym.store == "L":
            return True
        return self.cache_holds(sym) or self.pure_loop(node.body)

    def cache_holds(self, sym) -> bool:
        return sym is not None and sym.store in ("G", "F") and bool(self.cache)

    def s_ForIter(self, node):
        """`for it(args) stmt`: a generator; object variables passed as arguments are
        updated before each run of stmt (the iterator may assign `$oN`)."""
        call = node.call
        wb = self.writeback_args(call.args)
        t = self.tmp() if wb else None
        args = self.arglist(call.args)
        out = (", " if args else "") + "_out=%s" % t if wb else ""
        if isinstance(call, N.Name):
            sym = self.lookup(call.name)
            if sym is None:
                code = "%s(%s%s)" % (self.gkey(top_key(call.name)), args, out)
            elif sym.kind == "iter":
                code = self.user_call(sym, args + out)
            else:
                raise self.fail("%s is not an iterator" % call.name, call)
        else:
            ocode, _ = self.expr(call.obj)
            if wb:
                code = "_mcw(%s, %r, %s%s)" % (ocode, call.name, t, ", " + args if args else "")
            else:
                code = "%s(%s)" % (attr_code(ocode, call.name), args)
        if wb:
            self.emit("%s = []" % t)
        self.emit("for _ in %s:" % code)
        if wb:
            self.indent += 1
            self.emit("if %s:" % t)
            self.indent += 1
            for k, lv in wb:
                self.emit(lv.store.format(v="%s[%d]" % (t, k)))
            self.indent -= 2
        self.loop_body(node.body)
