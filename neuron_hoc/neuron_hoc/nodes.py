"""The HOC syntax tree: slotted dataclasses, one per construct.

The parser knows nothing about what a name denotes (variable, section, function...); the
compiler resolves names against the symbol tables when it compiles the statement, as HOC
resolves them when it runs it.  Every node carries the line it starts on (`line`) and the
column of its first character (`col`) for error messages.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

if sys.version_info >= (3, 10):
    def node(cls):
        return dataclass(slots=True)(cls)
else:  # pragma: no cover
    def node(cls):
        return dataclass(cls)


# ------------------------------------------------------------------ expressions

@node
class Num:
    value: float
    line: int = 0
    col: int = 0


@node
class Str:
    value: str
    line: int = 0
    col: int = 0


@node
class Name:
    """`x`, `a[i][j]`, `f(args)`, `diam(0.5)`, `soma`, `dend[2](0.5)`: a name with optional
    subscripts and an optional argument list (`args` is None when there are no parentheses)."""
    name: str
    index: List[object] = field(default_factory=list)
    args: Optional[List[object]] = None
    line: int = 0
    col: int = 0


@node
class Arg:
    """`$1`, `$s2`, `$o1`, `$&1[i]`; index 0 means the local variable `i` gives the index."""
    kind: str            # "", "s", "o", "&"
    n: int
    index: List[object] = field(default_factory=list)
    line: int = 0
    col: int = 0


@node
class Member:
    """`obj.name`, `obj.name[i]`, `obj.name(args)`, `sec.L`, `sec.v(0.5)`."""
    obj: object
    name: str
    index: List[object] = field(default_factory=list)
    args: Optional[List[object]] = None
    line: int = 0
    col: int = 0


@node
class Unary:
    op: str              # "-" or "!"
    operand: object
    line: int = 0
    col: int = 0


@node
class Binary:
    op: str
    left: object
    right: object
    line: int = 0
    col: int = 0


@node
class Assign:
    target: object       # Name, Arg, Member
    op: str              # "=", "+=", "-=", "*=", "/="
    value: object
    line: int = 0
    col: int = 0


@node
class New:
    template: str
    args: List[object]
    line: int = 0
    col: int = 0


@node
class AddrOf:
    """`&x`, `&a[i]`, `&v(0.5)`, `&obj.x`, `$&1` passed on."""
    target: object
    line: int = 0
    col: int = 0


@node
class Paren:
    """A parenthesised assignment: `(a = 4)` is a value (printed at the top level)."""
    expr: object
    line: int = 0
    col: int = 0


@node
class RangeArg:
    """`x0:x1` inside `rangevar(x0:x1) = y0:y1`."""
    lo: object
    hi: object
    line: int = 0
    col: int = 0


@node
class Taper:
    """`y0:y1` on the right of a range assignment."""
    lo: object
    hi: object
    line: int = 0
    col: int = 0


# ------------------------------------------------------------------- statements

@node
class ExprStmt:
    expr: object
    line: int = 0
    col: int = 0


@node
class Print:
    items: List[object]
    line: int = 0
    col: int = 0


@node
class Block:
    body: List[object]
    line: int = 0
    col: int = 0


@node
class If:
    cond: object
    then: object
    orelse: Optional[object] = None
    line: int = 0
    col: int = 0


@node
class While:
    cond: object
    body: object
    line: int = 0
    col: int = 0


@node
class For:
    """C-style `for (init; cond; inc) stmt`."""
    init: Optional[object]
    cond: object
    inc: Optional[object]
    body: object
    line: int = 0
    col: int = 0


@node
class ForRange:
    """`for i = a, b stmt`: bounds evaluated once, step 1."""
    var: object
    start: object
    stop: object
    body: object
    line: int = 0
    col: int = 0


@node
class ForIter:
    """`for it(args) stmt` and `for obj.it(args) stmt`."""
    call: object
    body: object
    line: int = 0
    col: int = 0


@node
class ForSeg:
    """`for (x) stmt` (0, centres, 1) and `for (x, e) stmt` (centres only when e is 0)."""
    var: object
    ends: Optional[object]
    body: object
    line: int = 0
    col: int = 0


@node
class Jump:
    kind: str            # "break", "continue", "stop", "iterator_statement"
    line: int = 0
    col: int = 0


@node
class Return:
    value: Optional[object]
    line: int = 0
    col: int = 0


@node
class Decl:
    """`double a[3]`, `objref o, p[2]`, `strdef s`, `create soma, dend[3]`."""
    kind: str            # "double", "objref", "strdef", "create"
    items: List[Tuple[str, List[object]]]
    line: int = 0
    col: int = 0
    cols: List[int] = field(default_factory=list)   # column of each declared name


@node
class Delete:
    name: str
    line: int = 0
    col: int = 0


@node
class Access:
    sec: object
    line: int = 0
    col: int = 0


@node
class Connect:
    """`connect child(x), parent(y)`; `connect child(x), y` (parent is the accessed section)."""
    child: object
    parent: object
    line: int = 0
    col: int = 0


@node
class Insert:
    mech: str
    remove: bool = False
    line: int = 0
    col: int = 0


@node
class SecStmt:
    """`soma stmt`, `dend[1] { ... }`, `cell.axon stmt`: the statement runs with the section
    pushed on the section stack."""
    sec: object
    body: object
    line: int = 0
    col: int = 0


@node
class ForSec:
    """`forall stmt`, `forsec "re"|list stmt`, `ifsec "re"|list stmt`."""
    kind: str            # "forall", "forsec", "ifsec"
    what: Optional[object]
    body: object
    line: int = 0
    col: int = 0


@node
class Setpointer:
    target: object
    pointer: object
    line: int = 0
    col: int = 0


@node
class Read:
    target: object
    line: int = 0
    col: int = 0


@node
class ProcDef:
    kind: str            # "proc", "func", "obfunc", "iterator"
    name: str
    locals: List[str]
    localobjs: List[str]
    body: List[object]
    line: int = 0
    col: int = 0
    end_line: int = 0


@node
class TemplateDirective:
    """`begintemplate N`, `endtemplate N`, `public a, b`, `external a, b`."""
    kind: str
    names: List[str]
    line: int = 0
    col: int = 0


@node
class Nothing:
    """`help ...`, `debug`: accepted and ignored."""
    line: int = 0
    col: int = 0
