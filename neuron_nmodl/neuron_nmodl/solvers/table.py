"""TABLE pass: a FUNCTION/PROCEDURE with a TABLE statement becomes a table lookup.

The original body moves to `_f_<name>`; `<name>` interpolates linearly in a table of WITH+1
points over FROM..TO (end values outside), rebuilt when a DEPEND variable changes, and
calls `_f_<name>` directly when usetable is 0 (NEURON's semantics).
"""
from __future__ import annotations

from .. import nodes as N
from ..errors import NmodlError
from ..sema.model import GLOBAL, Model, Symbol


def lower_tables(m: Model) -> None:
    for name, c in list(m.callables.items()):
        if c.kind not in ("FUNCTION", "PROCEDURE") or c.body is None:
            continue
        tabs = [s for s in c.body.stmts if isinstance(s, N.Table)]
        nested = [s for s in c.body.walk() if isinstance(s, N.Table)]
        if len(nested) > len(tabs):
            raise NmodlError("TABLE must be a top-level statement of its block", nested[-1].loc)
        if not tabs:
            continue
        if len(tabs) > 1:
            raise NmodlError("only one TABLE per %s" % c.kind, tabs[1].loc)
        t = tabs[0]
        if len(c.params) != 1:
            raise NmodlError("a %s with a TABLE must have exactly one argument" % c.kind, t.loc)
        if c.kind == "FUNCTION" and t.names:
            raise NmodlError("the TABLE of a FUNCTION lists no variables (the function value is "
                             "tabulated)", t.loc)
        if c.kind == "PROCEDURE" and not t.names:
            raise NmodlError("the TABLE of a PROCEDURE must list the variables it tabulates", t.loc)
        n = t.n
        while isinstance(n, N.Paren):
            n = n.expr
        if not isinstance(n, N.Num) or n.value != int(n.value) or n.value < 1:
            raise NmodlError("TABLE ... WITH needs a positive integer", t.loc)
        for v in t.names:
            s = m.symbols.get(v)
            # (a LOCAL of the file too: nocmodl tabulates those as well)
            if s is None or s.kind not in ("assigned", "parameter", "local"):
                raise NmodlError("TABLE variable %s must be an ASSIGNED, a PARAMETER or a LOCAL "
                                 "of the file" % v, t.loc)
        raw = N.Callable(c.kind, "_f_" + name, c.params, c.unit,
                         N.Block([s for s in c.body.stmts if not isinstance(s, N.Table)],
                                 loc=c.body.loc), loc=c.loc)
        m.callables[raw.name] = raw
        lookup = N.TableLookup(name, list(t.names), list(t.depend), t.lo, t.hi, int(n.value),
                               c.params[0].name, c.kind == "FUNCTION", loc=t.loc)
        c.body = N.Block([lookup], loc=c.body.loc)
        m.tables.append(name)
    if m.tables and "usetable" not in m.symbols:
        s = Symbol("usetable", "parameter", GLOBAL, default=1.0, limits=[0.0, 1.0],
                   is_global=True, gindex=m.nglobal)
        m.symbols["usetable"] = s
        m.globals.append(s)
        m.nglobal += 1
