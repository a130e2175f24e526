"""Compiler core: Python source emission, scopes and name lookup.

HOC is compiled to Python source once per top-level statement or procedure; the Python
compiler then turns it into bytecode.  Each emitted Python line remembers the HOC line it
came from, so a Python traceback maps back to HOC file and line at no cost while running.
"""
from __future__ import annotations

import keyword
from typing import Dict, List, Optional, Set, Tuple

from . import nodes as N
from .errors import HocSyntaxError
from .symbols import Sym, field_key, top_key

INDENT = "    "


class ProcInfo:
    """What the compiler needs to know about the procedure being compiled."""

    def __init__(self, kind: str, name: str, template=None):
        self.kind = kind                  # proc func obfunc iter, or "" for a top-level unit
        self.name = name
        self.template = template
        self.locals: Dict[str, Sym] = {}
        self.args_mutable = False         # assigns $n: arguments become a list
        self.writes_objarg = False        # assigns $on: copied back to the caller
        self.needs_tuple = False          # numarg(), argtype(), $i: arguments as a tuple
        self.positional = False           # $n compiled as parameter _n
        self.maxarg = 0


class CompilerBase:
    """Shared state of one compilation (one unit: a statement or a procedure)."""

    def __init__(self, interp, source, template=None, proc: Optional[ProcInfo] = None,
                 toplevel_print: bool = False):
        self.interp = interp
        self.source = source              # .filename, .source_line(n)
        self.template = template          # compiling inside this template (fields visible)
        self.proc = proc or ProcInfo("", "")
        self.toplevel_print = toplevel_print
        self.lines: List[Tuple[int, str, int]] = []   # (indent, text, hoc line)
        self.indent = 1
        self.cur_line = 0
        self.ntmp = 0
        self.assigned_globals: Set[str] = set()
        self.loops: List[Optional[List[str]]] = []      # per loop: code run before `continue`
        self.cache: Dict[str, str] = {}   # G key -> Python local while in a cached loop
        self.override = None              # (node, code, type): node already evaluated

    # ----------------------------------------------------------------- emission

    def emit(self, text: str, line: Optional[int] = None) -> None:
        self.lines.append((self.indent, text, line if line else self.cur_line))

    def tmp(self, prefix: str = "_t") -> str:
        self.ntmp += 1
        return "%s%d" % (prefix, self.ntmp)

    def at(self, node) -> None:
        line = getattr(node, "line", 0)
        if line:
            self.cur_line = line

    def fail(self, msg: str, node=None) -> HocSyntaxError:
        line = getattr(node, "line", 0) or self.cur_line
        col = getattr(node, "col", None)
        return HocSyntaxError(msg, self.source.filename, line, self.source.source_line(line), col)

    # ------------------------------------------------------------------ lookup

    def lookup(self, name: str) -> Optional[Sym]:
        """Locals, then the current scope (template fields or the top level), then the
        template's externals, then the built-ins."""
        s = self.proc.locals.get(name)
        if s is not None:
            return s
        t = self.template
        if t is not None:
            s = t.table.get(name)
            if s is not None:
                return s
            ext = t.externals.get(name)
            if ext is not None:
                return self.interp.top.get(name) or ext
        else:
            s = self.interp.top.get(name)
            if s is not None:
                return s
        return self.interp.builtins.get(name)

    def declare(self, name: str, kind: str, ndim: int = 0, node=None) -> Sym:
        """Declare a data name in the current scope (as HOC does while parsing)."""
        s = self.lookup(name)
        if s is not None:
            if s.store == "L":
                raise self.fail("%s already declared local" % name, node)
            if s.store in ("G", "F") and s.kind == kind:
                s.ndim = ndim
                return s
            if s.store == "B" and s.kind in ("rangevar", "bvar", "var"):
                raise self.fail("%s : Redeclaring at top level" % name, node)
            raise self.fail("%s already declared" % name, node)
        if self.template is not None:
            return self.template.add_field(name, kind, ndim)
        return self.interp.declare_top(name, kind, ndim)

    # ---------------------------------------------------------------- storage

    def gkey(self, key: str, write: bool = False) -> str:
        """A global of the compiled code (or its cached local copy inside a fast loop)."""
        local = self.cache.get(key)
        if local is not None:
            return local
        if write:
            self.assigned_globals.add(key)
        return key

    def sym_code(self, sym: Sym, write: bool = False) -> str:
        """Python expression naming the storage slot of a data symbol."""
        if sym.store == "L":
            return sym.key
        if sym.store == "F":
            if sym.name == "this" and sym.kind == "obj":
                return "_s"
            code = "_d[%r]" % sym.key
            return self.cache.get(code, code)
        if sym.store == "G":
            return self.gkey(sym.key, write)
        raise self.fail("internal: %s has no storage" % sym.name)

    def eps(self) -> str:
        return self.gkey(top_key("float_epsilon"))


def fkey(template, name: str, kind: str) -> str:
    return field_key(name, kind, name in template.public)


def attr_code(ocode: str, name: str) -> str:
    """`obj.name` in Python; a HOC member named like a Python keyword (`ms.in`, `obj.is`,
    `x.lambda`) is reached by its name through getattr, as the engine's objects provide it
    (MechanismStandard sets its `in` method under that name)."""
    if keyword.iskeyword(name):
        return "getattr(%s, %r)" % (ocode, name)
    return "%s.%s" % (ocode, name)


def is_pure(node) -> bool:
    """True when evaluating the expression cannot run user code or change any variable."""
    if node is None or isinstance(node, (N.Num, N.Str)):
        return True
    if isinstance(node, N.Name):
        return node.args is None and all(is_pure(i) for i in node.index)
    if isinstance(node, N.Arg):
        return all(is_pure(i) for i in node.index)
    if isinstance(node, N.Unary):
        return is_pure(node.operand)
    if isinstance(node, N.Binary):
        return is_pure(node.left) and is_pure(node.right)
    return False
