"""The compiler pipeline: parse -> declare -> resolve -> solve -> codegen.

`translate(path)` runs every pass and returns the generated C++ and metadata; with
`print_after="<pass>"` the tree (or model) is printed after that pass, which is how the
tests and ``python -m neuron_nmodl --print-after solve x.mod`` inspect a pass.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Callable, List, Optional, TextIO

from . import nodes as N
from .codegen import generate
from .parser import parse_file
from .printer import print_program, print_stmt
from .sema.declare import declare
from .sema.model import Model
from .sema.resolve import resolve
from .solvers import lower

PASSES = ("parse", "declare", "resolve", "solve", "codegen")


@dataclass
class Translation:
    model: Model
    cpp: str

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def metadata(self) -> dict:
        from .codegen.metadata import metadata

        return metadata(self.model, [], {})


def describe_model(m: Model) -> str:
    lines = ["mechanism %s (%s) suffix=%r file=%s" % (m.name, m.kind, m.suffix, m.file)]
    for s in m.columns:
        lines.append("  column %2d %-12s %-9s range=%s default=%r" % (s.col, s.name, s.kind,
                                                                    s.range, s.default))
    for g in m.globals:
        lines.append("  global %2d %-12s default=%r" % (g.gindex, g.name, g.default))
    for k, sl in enumerate(m.slots):
        lines.append("  slot   %2d %-12s %s %s %s" % (k, sl.name, sl.kind, sl.ion, sl.var))
    for ion in m.ions:
        lines.append("  ion %s read=%s write=%s valence=%s" % (ion.name, ion.read, ion.write,
                                                              ion.valence))
    return "\n".join(lines)


def describe_lowered(m: Model) -> str:
    out = []
    for b in (m.initial, m.breakpoint):
        if b is None:
            continue
        for n in b.body.walk():
            if isinstance(n, N.Solve):
                low = m.solve_map[id(n)]
                out.append(": SOLVE %s (%s) in %s" % (n.name, low.method, b.kind))
                out.append(print_stmt(low.stmt))
    for c in m.callables.values():
        if c.body is not None and c.body.stmts and isinstance(c.body.stmts[0], N.TableLookup):
            out.append(": %s %s" % (c.kind, c.name))
            out.append(print_stmt(c.body.stmts[0]))
    return "\n".join(out)


def translate(path: str, print_after: Optional[str] = None, out: TextIO = None,
              warn: Optional[Callable[[str], None]] = None,
              include_dirs: Optional[List[str]] = None) -> Translation:
    out = out or sys.stdout
    if print_after is not None and print_after not in PASSES:
        raise ValueError("unknown pass %r (passes: %s)" % (print_after, ", ".join(PASSES)))
    program = parse_file(path, include_dirs)
    if print_after == "parse":
        out.write(print_program(program) + "\n")
    m = declare(program)
    if print_after == "declare":
        out.write(describe_model(m) + "\n")
    resolve(m, warn)
    if print_after == "resolve":
        out.write(describe_model(m) + "\n")
    lower(m, warn)
    if print_after == "solve":
        out.write(describe_lowered(m) + "\n")
    cpp = generate(m)
    if print_after == "codegen":
        out.write(cpp)
    return Translation(m, cpp)
