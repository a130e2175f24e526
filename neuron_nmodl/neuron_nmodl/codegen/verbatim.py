"""VERBATIM code: C++ passed through, with NEURON's names working inside it.

Around each VERBATIM block of a function the generator defines the macros NEURON's
generated code has (range and global variable names, t, dt, v, celsius, POINTER names and
their `_p_<name>` handles, `_threadargs_`, user functions by name) and undefines them after,
so the rest of the generated code is unaffected.  `#line` directives make C++ compiler
errors point at the .mod file.
"""
from __future__ import annotations

from typing import List

from ..sema.model import COLUMN, CONST, CTX, FILELOCAL, GLOBAL, SLOT
from .names import ARGS, ARGS_DECL, fun, slot, symbol_ref

LINE_RESTORE = "//@@LINE_RESTORE@@"


def _macros(model) -> List[tuple]:
    out = []
    for s in model.symbols.values():
        if s.storage in (COLUMN, GLOBAL, CONST, FILELOCAL):
            if s.is_array or s.storage == GLOBAL and s.size:
                if s.storage == COLUMN:
                    out.append((s.name, "(&_p[%d*_s + _i])" % s.col, True))
                    continue
            out.append((s.name, symbol_ref(model, s, None), False))
        elif s.storage == SLOT:
            if s.kind in ("bbcorepointer", "pointer"):
                # NEURON 9: `_p_name` is the slot as a void* lvalue (an opaque handle for
                # BBCOREPOINTER; for POINTER the address, or what VERBATIM code keeps there)
                out.append(("_p_" + s.name, "(*reinterpret_cast<void**>(&%s))" % slot(s.slot), False))
            else:
                out.append(("_p_" + s.name, slot(s.slot), False))
            if s.kind in ("pointer", "bbcorepointer"):
                out.append((s.name, "(*%s)" % slot(s.slot), False))
            else:
                out.append((s.name, slot(s.slot), False))
        elif s.storage == CTX and s.name in ("t", "dt", "celsius", "secondorder"):
            out.append((s.name, "_ctx->%s" % s.name, False))
        elif s.kind in ("function", "procedure"):
            # called with or without the thread arguments (see _nmodl_rt::vcall)
            out.append((s.name + "(...)", "_nmodl_rt::vcall(%s, %s __VA_OPT__(,) __VA_ARGS__)"
                        % (fun(s.name), ARGS), False))
    # NEURON's `_ion_<var>`: the ion mechanism's own value (cai, ica, eca, dicadv, ...)
    for k, sl in enumerate(model.slots):
        if sl.kind == "ion":
            name = sl.name if sl.name.startswith("_ion_") else "_ion_" + sl.name
            if sl.var == "dcurdv":
                name = "_ion_di%sdv" % sl.ion
            out.append((name, "(*%s)" % slot(k), False))
    out.append(("_nt", "(_nmodl_rt::nt_view(_ctx))", False))
    out.append(("_threadargs_", ARGS, False))
    out.append(("_threadargscomma_", ARGS + ",", False))
    out.append(("_threadargsproto_", ARGS_DECL, False))
    out.append(("_threadargsprotocomma_", ARGS_DECL + ",", False))
    return out


def _array_macro(name: str, base: str) -> str:
    return "#define %s %s" % (name, base)


def _point_process_macros(model) -> List[tuple]:
    """NEURON 9's names for the running point process inside a function's VERBATIM code:
    `_ppvar[1].get<Point_process*>()`, `_pnt`, `_tqitem`, and net_send/artcell_net_send with
    NEURON's C arguments (tqitem, weights, pnt, absolute time, flag)."""
    if model.kind not in ("point", "artificial"):
        return []
    send = "_nmodl_rt::verbatim_net_send(_ctx, _m, _i, __VA_ARGS__)"
    return [("_ppvar", "(_nmodl_rt::PpvarView{_nmodl_rt::pnt_handle(_m, _i)})", False),
            ("_pnt", "(_nmodl_rt::pnt_handle(_m, _i))", False),
            ("_tqitem", "((void**) nullptr)", False),
            ("net_send(...)", send, False),
            ("artcell_net_send(...)", send, False)]


def verbatim_lines(emitter, text: str, loc) -> List[str]:
    lines: List[str] = []
    macros = _macros(emitter.m) + _point_process_macros(emitter.m)
    for name, value, _ in macros:
        lines.append("#define %s %s" % (name, value))
    if loc is not None:
        lines.append('#line %d "%s"' % (loc.line, loc.file.path))
    lines.append(text)
    lines.append(LINE_RESTORE)
    for name, _, _ in macros:
        lines.append("#undef %s" % name.split("(")[0])
    return lines


def top_verbatim_lines(model, text: str, loc) -> List[str]:
    """A file-level VERBATIM block: NEURON's names are defined around it too, so helper
    functions declared with _threadargsproto_ can use range variables and POINTERs."""
    macros = _macros(model)
    lines = ["#define %s %s" % (name, value) for name, value, _ in macros]
    if loc is not None:
        lines.append('#line %d "%s"' % (loc.line, loc.file.path))
    lines.append(text)
    lines.append(LINE_RESTORE)
    lines += ["#undef %s" % name.split("(")[0] for name, _, _ in macros]
    return lines
