"""The LONGITUDINAL_DIFFUSION callback (nrn_mech_desc.ldifus, see nrn_mech_abi.h):

    void ldifus(nrn_ctx*, nrn_mech*, int method, const int* pin, const double* af,
                const double* bf)

For each diffusing STATE element it evaluates, instance by instance, the diffusion constant
times area, the COMPARTMENT volume and d flux/d concentration (nocmodl's _difcoef), then
lets nmodl_ldifus.hpp diffuse the element (method 0: fixed step; 1 and 2: CVODE's f and
Newton solve).  A STATE that is an ion concentration diffuses in the ion's own variable,
as in NEURON, and the mechanism's copy follows.
"""
from __future__ import annotations

from ..sema.model import Model
from . import ions as I
from .emitter import Emitter
from .names import ARGS, ARGS_DECL, col, slot

CALLBACK = "_cb_ldifus"


def _state_slot(m: Model, name: str):
    """The pointer slot of a STATE that is an ion variable (cai, ko...), else None."""
    ion = m.ion_of(name)
    if ion is None:
        return None
    kind = ion.var_kind(name)
    return next(k for k, s in enumerate(m.slots) if s.kind == "ion" and s.ion == ion.name
                and s.var == kind)


def generate(gen, entries) -> None:
    """The coefficient functions and the callback, written through gen."""
    m = gen.m
    used = set()
    for k, d in enumerate(entries):
        gen.w("static double _ldc_%d(%s, int _ai, double* _vol, double* _dfdc) {" % (k, ARGS_DECL))
        gen.w("    (void) _ctx; (void) _m; (void) _p; (void) _pp; (void) _s; (void) _i;")
        gen.w("    const double _lai = _ai;")
        em = Emitter(m)
        for name in {d.index, d.vol_index} - {None}:
            em.declare(name, "_lai")
        if d.ion is not None:
            k_dcur = next(j for j, s in enumerate(m.slots) if s.kind == "ion" and s.ion == d.ion
                          and s.var == "dcurdv")
            em.declare("_ion_di%sdv" % d.ion, "(*%s)" % slot(k_dcur))
        em.w("*_vol = %s;" % em.expr(d.vol))
        if d.dfdc is not None:
            em.w("*_dfdc = (_ai == %s) ? _nmodl_rt::ktf(_ctx->celsius) / %r * (%s) : 0.;"
                 % (em.index(d.dfdc_element), d.valence, em.expr(d.dfdc)))
        else:
            em.w("*_dfdc = 0.;")
        em.w("return %s;" % em.expr(d.dc))
        gen.emit_lines(em)
        gen.w("}")
        gen.w()
        used |= I.names_used(m, [d.dc, d.vol] + ([d.dfdc] if d.dfdc is not None else [])) or set()
    copy_in = I.copy_in(m, used, states=False)
    gen.w("static void %s(nrn_ctx* _ctx, nrn_mech* _m, int _method, const int* _pin, "
          "const double* _af, const double* _bf) {" % CALLBACK)
    gen.w("    double* _p = _m->p; double** _pp = _m->pp; const int _s = _m->stride;")
    gen.w("    const int _n = _m->n;")
    gen.w("    (void) _pp;")
    gen.w("    _nmodl_rt::LDifusWork& _w = _nmodl_rt::ldifus_work(_n);")
    if copy_in:
        gen.w("    for (int _i = 0; _i < _n; ++_i) {")
        for line in copy_in:
            gen.w("        " + line)
        gen.w("    }")
    for k, d in enumerate(entries):
        sym = m.symbols[d.state]
        dsym = m.symbols["D" + d.state]
        ion_slot = _state_slot(m, d.state)
        gen.w("    for (int _ai = 0; _ai < %d; ++_ai) {" % d.size)
        gen.w("        for (int _i = 0; _i < _n; ++_i) {")
        gen.w("            _w.dc[_i] = _ldc_%d(%s, _ai, &_w.vol[_i], &_w.dfdc[_i]);" % (k, ARGS))
        gen.w("        }")
        if ion_slot is None:
            gen.w("        double* _x = _p + (%d + _ai)*_s;" % sym.col)
        else:
            gen.w("        for (int _i = 0; _i < _n; ++_i) { _w.x[_i] = *%s; }" % slot(ion_slot))
            gen.w("        double* _x = _w.x.data();")
        gen.w("        _nmodl_rt::ldifus(_method, _n, _pin, _af, _bf, _ctx->dt, _x, "
              "_p + (%d + _ai)*_s, _w);" % dsym.col)
        if ion_slot is not None:
            gen.w("        if (_method == 0) {")
            gen.w("            for (int _i = 0; _i < _n; ++_i) { *%s = _w.x[_i]; %s = _w.x[_i]; }"
                  % (slot(ion_slot), col(sym.col)))
            gen.w("        }")
        gen.w("    }")
    gen.w("}")
    gen.w()
