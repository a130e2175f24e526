"""The back end: one HOC statement or procedure in, one Python function out.

Top-level statements become `_f(_s=None, _d=None, _a=())` (the object context is passed for
`execute(cmd, obj)` and `object_push`); procedures become `_f(*_a, _out=None)` and template
methods `_f(_s, *_a, _out=None)`.  `_out`, when given, receives the final arguments so that
a caller can see `$o1 = new ...` (HOC passes object variables by reference).
"""
from __future__ import annotations

import itertools
import os
import sys
from typing import Callable, List, Optional

from . import nodes as N
from .cg_assign import AssignCompiler
from .cg_base import INDENT, CompilerBase, ProcInfo
from .cg_expr import ExprCompiler
from .cg_intrinsics import IntrinsicCompiler
from .cg_sec import SectionCompiler
from .cg_stmt import StmtCompiler
from .symbols import Sym

_counter = itertools.count()
# NEURON_HOC_SHOW_PYTHON=1 prints the Python generated for every statement and procedure
SHOW_PYTHON = bool(os.environ.get("NEURON_HOC_SHOW_PYTHON"))


class Compiler(StmtCompiler, AssignCompiler, IntrinsicCompiler, ExprCompiler, SectionCompiler,
               CompilerBase):
    """All compiler mixins over one state (see CompilerBase)."""


class UnitInfo:
    """Where the Python lines of a compiled unit come from in HOC."""
    __slots__ = ("source", "linemap", "name", "pylines")

    def __init__(self, source, linemap: List[int], name: str, pylines: List[str]):
        self.source = source
        self.linemap = linemap
        self.name = name
        self.pylines = pylines

    def hoc_line(self, pyline: int) -> int:
        if 1 <= pyline <= len(self.linemap):
            return self.linemap[pyline - 1]
        return self.linemap[-1] if self.linemap else 0


def _assemble(header: List[str], comp: Compiler, prologue: List[str], body_first_line: int,
              epilogue: Optional[List[str]] = None, wrap_try: Optional[List[str]] = None):
    """Python source and the HOC line of each Python line."""
    src: List[str] = []
    lmap: List[int] = []
    for h in header:
        src.append(h)
        lmap.append(body_first_line)
    if comp.assigned_globals:
        src.append(INDENT + "global " + ", ".join(sorted(comp.assigned_globals)))
        lmap.append(body_first_line)
    for p in prologue:
        src.append(INDENT + p)
        lmap.append(body_first_line)
    extra = 0
    if wrap_try is not None:
        src.append(INDENT + "try:")
        lmap.append(body_first_line)
        extra = 1
    for indent, text, line in comp.lines:
        src.append(INDENT * (indent + extra) + text)
        lmap.append(line)
    for e in epilogue or ():
        src.append(INDENT * (1 + extra) + e)
        lmap.append(lmap[-1])
    if wrap_try is not None:
        src.append(INDENT + "finally:")
        lmap.append(lmap[-1])
        for w in wrap_try:
            src.append(INDENT * 2 + w)
            lmap.append(lmap[-1])
    return "\n".join(src) + "\n", lmap


def build(interp, src: str, lmap: List[int], source, name: str) -> Callable:
    pyname = "<hoc#%d %s>" % (next(_counter), name)
    if SHOW_PYTHON:
        sys.stderr.write("# %s\n%s" % (pyname, src))
    code = compile(src, pyname, "exec")
    interp.units[pyname] = UnitInfo(source, lmap, name, src.split("\n"))
    ns: dict = {}
    exec(code, interp.G, ns)
    fn = ns["_f"]
    fn._hoc_unit = pyname
    return fn


def compile_statement(interp, item, source, template=None, toplevel_print: bool = True):
    """A top-level item (statement) as a function of the object context."""
    comp = Compiler(interp, source, template, None, toplevel_print)
    comp.at(item)
    if isinstance(item, N.ExprStmt):
        comp.s_ExprStmt(item, toplevel=True)
    else:
        comp.stmt(item)
    if not comp.lines:
        comp.emit("pass")
    src, lmap = _assemble(["def _f(_s=None, _d=None, _a=()):"], comp, [], item.line)
    return build(interp, src, lmap, source, "statement")


def compile_procedure(interp, pdef: N.ProcDef, source, template=None) -> Callable:
    """Arguments are parameters `_1.._n` (fast) unless the body needs them as a sequence
    (numarg, argtype, $i, or assigning to $n), when they are the tuple `_a`."""
    fn = _compile_procedure(interp, pdef, source, template, positional=True)
    if fn is None:
        fn = _compile_procedure(interp, pdef, source, template, positional=False)
    return fn


def _compile_procedure(interp, pdef: N.ProcDef, source, template, positional: bool):
    kind = {"proc": "proc", "func": "func", "obfunc": "obfunc", "iterator": "iter"}[pdef.kind]
    info = ProcInfo(kind, pdef.name, template)
    info.positional = positional
    for name in pdef.locals:
        info.locals[name] = Sym(name, "var", "L", "l_" + name)
    for name in pdef.localobjs:
        info.locals[name] = Sym(name, "obj", "L", "l_" + name)
    comp = Compiler(interp, source, template, info)
    comp.at(pdef)
    for s in pdef.body:
        comp.stmt(s)
    if positional and (info.needs_tuple or info.args_mutable or info.writes_objarg):
        return None
    comp.cur_line = pdef.end_line or comp.cur_line
    if kind == "proc":
        comp.emit("return 0.0")
    elif kind == "iter":
        comp.emit("return")
        comp.emit("yield")
    else:
        comp.emit("raise _err(%r)" % ("%s (%s) returns no value" % (pdef.name, kind)))
    if positional:
        params = "".join("_%d=_NA, " % k for k in range(1, info.maxarg + 1)) + "*_x, _out=None"
    else:
        params = "*_a, _out=None"
    if template is None:
        header = ["def _f(%s):" % params]
        prologue = []
    else:
        header = ["def _f(_s, %s):" % params]
        prologue = ["_d = _s.__dict__"]
    if info.args_mutable:
        prologue.append("_a = list(_a)")
    for name in pdef.locals:
        prologue.append("l_%s = 0.0" % name)
    for name in pdef.localobjs:
        prologue.append("l_%s = None" % name)
    wrap = None
    if info.writes_objarg:
        wrap = ["if _out is not None:", INDENT + "_out[:] = _a"]
    src, lmap = _assemble(header, comp, prologue, pdef.line, None, wrap)
    fn = build(interp, src, lmap, source, pdef.name)
    fn.__name__ = fn.__qualname__ = pdef.name
    fn._hoc_kind = kind
    return fn
