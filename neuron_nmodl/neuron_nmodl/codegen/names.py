"""Where each NMODL name lives in the generated C++ (the storage model of one mechanism).

Inside every generated function of a mechanism these C names are in scope:
``_ctx`` (nrn_ctx*), ``_m`` (nrn_mech*), ``_p`` (instance data), ``_pp`` (pointer slots),
``_s`` (stride), ``_i`` (instance index); ``_globals`` is the mechanism's GLOBAL array.
Variable column c of the instance is ``_p[c*_s + _i]``; slot k is ``_pp[k*_s + _i]``.
NMODL LOCALs and arguments are C locals named ``_l<name>`` (as in NEURON, so VERBATIM code
that uses ``_lname`` keeps working); user FUNCTIONs/PROCEDUREs are ``_fun_<name>``.
"""
from __future__ import annotations

from typing import Optional

from ..sema.model import COLUMN, CONST, CTX, EXTERN, FILELOCAL, GLOBAL, SLOT, Model, Symbol

ARGS_DECL = "nrn_ctx* _ctx, nrn_mech* _m, double* __restrict__ _p, double** _pp, int _s, int _i"
ARGS = "_ctx, _m, _p, _pp, _s, _i"


def col(c: int, index: Optional[str] = None) -> str:
    if index is None:
        return "_p[%d*_s + _i]" % c
    try:
        return "_p[%d*_s + _i]" % (c + int(float(index)))
    except ValueError:
        return "_p[(%d + (int)(%s))*_s + _i]" % (c, index)


def slot(k: int) -> str:
    return "_pp[%d*_s + _i]" % k


def fun(name: str) -> str:
    return "_fun_" + name


def local(name: str) -> str:
    return "_l" + name


def const(name: str) -> str:
    return "_c_" + name


def symbol_ref(m: Model, s: Symbol, index: Optional[str]) -> str:
    """C lvalue of a model symbol."""
    if s.storage == COLUMN:
        return col(s.col, index)
    if s.storage == GLOBAL:
        if index is None:
            return "_globals[%d]" % s.gindex
        return "_globals[%d + (int)(%s)]" % (s.gindex, index)
    if s.storage == CONST:
        return const(s.name)
    if s.storage == EXTERN:
        return ("(*%s)" % extern_global(s.name) if index is None
                else "%s[(int)(%s)]" % (extern_global(s.name), index))
    if s.storage == FILELOCAL:
        return "_fl_%s" % s.name + ("[(int)(%s)]" % index if index is not None else "")
    if s.storage == SLOT:
        if s.kind == "pointer" or s.kind == "bbcorepointer":
            return "(*%s)" % slot(s.slot)
        return slot(s.slot)
    if s.storage == CTX:
        if s.name in ("t", "dt", "celsius", "secondorder"):
            return "_ctx->%s" % s.name
        if s.name == "area":
            return "_ctx->area[_m->node[_i]]"
        if s.name == "diam":
            return "_ctx->diam[_m->node[_i]]"
    raise KeyError(s.name)


def extern_global(hoc_name: str) -> str:
    """The linker name of a GLOBAL as other mechanisms' EXTERNAL statements reach it: a
    pointer to its value (the first element of an array)."""
    return "_nmodl_global_%s" % hoc_name


def c_string(text: str) -> str:
    """A C string literal for NMODL string text (escape sequences are kept as written)."""
    return '"%s"' % text.replace("\n", "\\n")


def c_double(x: float) -> str:
    r = repr(float(x))
    if r in ("inf", "-inf", "nan"):
        return {"inf": "HUGE_VAL", "-inf": "(-HUGE_VAL)", "nan": "NAN"}[r]
    return r
