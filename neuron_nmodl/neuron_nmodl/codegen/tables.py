"""C++ for TABLE lookups and their (re)building, following NEURON's scheme: WITH+1 points
from FROM to TO (x advanced by repeated addition of dx), linear interpolation, end values
outside the range, NaN passed through, rebuilt when a DEPEND value changed."""
from __future__ import annotations

from typing import List

from .. import nodes as N
from ..sema.model import Model
from .names import ARGS, ARGS_DECL, fun, local


def _usetable(m: Model) -> str:
    return "_globals[%d]" % m.symbols["usetable"].gindex


def _elements(em, look: N.TableLookup) -> List[tuple]:
    """(table name, C lvalue) of each tabulated value: an array variable gives one table per
    element, as nocmodl's `_t_<name>[size][WITH+1]`."""
    out = []
    for v in look.names:
        size = em.m.symbols[v].size
        if size is None:
            out.append(("_tab_%s_%s" % (look.func, v), em.name_ref(v, None, look)))
        else:
            out += [("_tab_%s_%s[%d]" % (look.func, v, k), em.name_ref(v, N.Num(float(k)), look))
                    for k in range(size)]
    return out


def table_decls(m: Model, look: N.TableLookup) -> List[str]:
    f = look.func
    n1 = look.n + 1
    out = ["static double _tab_mfac_%s, _tab_tmin_%s;" % (f, f),
           "static int _tab_make_%s = 1;" % f]
    if look.is_function:
        out.append("static double _tab_%s[%d];" % (f, n1))
    for v in look.names:
        size = m.symbols[v].size
        out.append("static double _tab_%s_%s%s[%d];"
                   % (f, v, "" if size is None else "[%d]" % size, n1))
    for d in look.depend:
        out.append("static double _tab_sav_%s_%s;" % (f, d))
    return out


def check_function(em, look: N.TableLookup) -> List[str]:
    """`_check_<f>`: rebuild the table when needed (em gives expression emission)."""
    m = em.m
    f = look.func
    out = ["static void _check_%s(%s) {" % (f, ARGS_DECL),
           "    if (%s == 0.) { return; }" % _usetable(m)]
    for d in look.depend:
        out.append("    if (_tab_sav_%s_%s != %s) { _tab_make_%s = 1; }"
                   % (f, d, em.name_ref(d, None, look), f))
    out.append("    if (_tab_make_%s) {" % f)
    out.append("        _tab_make_%s = 0;" % f)
    out.append("        _tab_tmin_%s = %s;" % (f, em.expr(look.lo)))
    out.append("        const double _tmax = %s;" % em.expr(look.hi))
    out.append("        const double _dx = (_tmax - _tab_tmin_%s) / %d.;" % (f, look.n))
    out.append("        _tab_mfac_%s = 1. / _dx;" % f)
    out.append("        double _x = _tab_tmin_%s;" % f)
    out.append("        for (int _j = 0; _j < %d; _x += _dx, _j++) {" % (look.n + 1))
    if look.is_function:
        out.append("            _tab_%s[_j] = %s(%s, _x);" % (f, fun("_f_" + f), ARGS))
    else:
        out.append("            %s(%s, _x);" % (fun("_f_" + f), ARGS))
        for t, ref in _elements(em, look):
            out.append("            %s[_j] = %s;" % (t, ref))
    out.append("        }")
    for d in look.depend:
        out.append("        _tab_sav_%s_%s = %s;" % (f, d, em.name_ref(d, None, look)))
    out.append("    }")
    out.append("}")
    return out


def emit_lookup(em, look: N.TableLookup) -> None:
    """NEURON's lookup (t[0] at or below FROM, t[WITH] at or above TO, NaN passed through,
    otherwise linear interpolation between the two points around x) written with selects
    instead of branches, so loops calling it stay vectorisable."""
    m = em.m
    f = look.func
    arg = local(look.arg)
    n = look.n
    raw = "%s(%s, %s)" % (fun("_f_" + f), ARGS, arg)
    if em.twins is None:   # the "_T" twin is only called when usetable is on
        if look.is_function:
            em.w("if (%s == 0.) { return %s; }" % (_usetable(m), raw))
        else:
            em.w("if (%s == 0.) { %s; return 0.; }" % (_usetable(m), raw))
    em.w("const double _xi = _tab_mfac_%s * (%s - _tab_tmin_%s);" % (f, arg, f))
    em.w("int _it = (int) ((_xi == _xi) ? _xi : 0.);")
    em.w("_it = _it < 0 ? 0 : _it;")
    em.w("_it = _it > %d ? %d : _it;" % (n - 1, n - 1))
    em.w("const double _theta = _xi - (double) _it;")
    tables = [("_tab_%s" % f, None)] if look.is_function else _elements(em, look)
    for t, ref in tables:
        em.w("{")
        em.w("    const double _a = %s[_it], _b = %s[_it + 1], _e0 = %s[0], _en = %s[%d];"
             % (t, t, t, t, n))
        em.w("    double _r = _a + _theta * (_b - _a);")
        em.w("    _r = _xi >= %d. ? _en : _r;" % n)
        em.w("    _r = _xi <= 0. ? _e0 : _r;")
        em.w("    _r = (_xi != _xi) ? _xi : _r;")
        em.w("    %s;" % ("return _r" if ref is None else "%s = _r" % ref))
        em.w("}")
    if not look.is_function:
        em.w("return 0.;")
