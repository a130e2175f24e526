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


def table_decls(m: Model, look: N.TableLookup) -> List[str]:
    f = look.func
    n1 = look.n + 1
    out = ["static double _tab_mfac_%s, _tab_tmin_%s;" % (f, f),
           "static int _tab_make_%s = 1;" % f]
    if look.is_function:
        out.append("static double _tab_%s[%d];" % (f, n1))
    for v in look.names:
        out.append("static double _tab_%s_%s[%d];" % (f, v, n1))
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
        for v in look.names:
            out.append("            _tab_%s_%s[_j] = %s;" % (f, v, em.name_ref(v, None, look)))
    out.append("        }")
    for d in look.depend:
        out.append("        _tab_sav_%s_%s = %s;" % (f, d, em.name_ref(d, None, look)))
    out.append("    }")
    out.append("}")
    return out


def emit_lookup(em, look: N.TableLookup) -> None:
    m = em.m
    f = look.func
    arg = local(look.arg)
    n = look.n
    if look.is_function:
        em.w("if (%s == 0.) { return %s(%s, %s); }" % (_usetable(m), fun("_f_" + f), ARGS, arg))
        em.w("const double _xi = _tab_mfac_%s * (%s - _tab_tmin_%s);" % (f, arg, f))
        em.w("if (std::isnan(_xi)) { return _xi; }")
        em.w("if (_xi <= 0.) { return _tab_%s[0]; }" % f)
        em.w("if (_xi >= %d.) { return _tab_%s[%d]; }" % (n, f, n))
        em.w("const int _it = (int) _xi;")
        em.w("const double _theta = _xi - (double) _it;")
        em.w("return _tab_%s[_it] + _theta * (_tab_%s[_it + 1] - _tab_%s[_it]);" % (f, f, f))
        return
    refs = [(v, em.name_ref(v, None, look)) for v in look.names]
    em.w("if (%s == 0.) { %s(%s, %s); return 0.; }" % (_usetable(m), fun("_f_" + f), ARGS, arg))
    em.w("const double _xi = _tab_mfac_%s * (%s - _tab_tmin_%s);" % (f, arg, f))
    em.w("if (std::isnan(_xi)) {")
    for v, r in refs:
        em.w("    %s = _xi;" % r)
    em.w("    return 0.;")
    em.w("}")
    for cond, k in (("_xi <= 0.", "0"), ("_xi >= %d." % n, str(n))):
        em.w("if (%s) {" % cond)
        for v, r in refs:
            em.w("    %s = _tab_%s_%s[%s];" % (r, f, v, k))
        em.w("    return 0.;")
        em.w("}")
    em.w("const int _it = (int) _xi;")
    em.w("const double _theta = _xi - (double) _it;")
    for v, r in refs:
        t = "_tab_%s_%s" % (f, v)
        em.w("%s = %s[_it] + _theta * (%s[_it + 1] - %s[_it]);" % (r, t, t, t))
    em.w("return 0.;")
