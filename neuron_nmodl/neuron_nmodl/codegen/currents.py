"""The `current` callback: BREAKPOINT currents and conductances onto the matrix (NEURON's
nrn_cur and nrn_jacob together).

Per block of instances: (1) the currents at v, and dI/dv by NEURON's difference quotient at
v + 0.001 and v, into local arrays; (2) onto rhs and d (and the ions).  Density mechanisms
along a cable meet consecutive nodes and ion instances, reached then as contiguous arrays
(vector loads and stores instead of gathers and pointer loads).  Point processes are sorted by node
and often many share one (synapses): v is loaded once per run of equal node; a short run
goes onto the node instance by instance, in NEURON's order and rounding, while a run of
NMODL_RUN_SUMS or more is summed in partial sums (nmodl_runtime's sum2) and scaled by
100/area once, so the additions do not wait on one another (the sums then differ from
NEURON's by round-off).

(An analytic dI/dv for currents linear in v was tried: a tenth faster for hh, but its
round-off differs from the quotient's, and under CVode that changes step decisions, where
the quotient gives NEURON's steps exactly.)
"""
from __future__ import annotations

import re
from typing import List

from .. import nodes as N
from . import ions as I
from .emitter import Emitter, Raw
from .names import ARGS, col

_SLOT = re.compile(r"_pp\[(\d+)\*_s \+ _i\]")
_SLOT_REF = re.compile(r"\*_pp\[(\d+)\*_s \+ _i\]")


def conductance_hints(m) -> List[N.Conductance]:
    """BREAKPOINT's CONDUCTANCE statements: with them nocmodl's nrn_cur evaluates the block once
    and takes dI/dv as the named conductances (and a LOCAL of a current's name as the current)."""
    if m.breakpoint is None:
        return []
    return [s for s in m.breakpoint.body.stmts if isinstance(s, N.Conductance)]


def current_function(gen, twin: bool) -> None:
    """`_nrn_current(args, v)`: the BREAKPOINT statements at v, returning the summed currents
    (with CONDUCTANCE statements also the conductances: `_gh[0]` the total, `_gh[1 + k]` the
    one of the k-th ion current)."""
    m = gen.m
    hints = conductance_hints(m)
    gen.w("static inline double _nrn_current%s(%s, double _lv%s) {"
          % ("_T" if twin else "", "nrn_ctx* _ctx, nrn_mech* _m, double* __restrict__ _p, "
             "double** _pp, int _s, int _i", ", double* _gh" if hints else ""))
    gen.w("    double _current = 0.;")
    em = Emitter(m, twins=gen.twins if twin else None)
    if gen.v_live:
        gen.w("    %s = _lv;" % col(m.symbols["v"].col))
    else:
        em.declare("v", "_lv")
    em.push()
    for s in gen.bp_statements():
        em.stmt(s)
    for cur in I.current_terms(m):
        c = em.name_ref(cur, None, m.breakpoint) if hints else col(m.symbols[cur].col)
        em.w("_current += %s;" % c)
    if hints:
        def total(hs):
            return " + ".join(em.name_ref(h.name, None, h) for h in hs) or "0."
        em.w("_gh[0] = %s;" % total(hints))
        ion_curs = [(ion, v) for ion in m.ions for v in ion.writes_cur]
        for k, (ion, _) in enumerate(ion_curs):
            em.w("_gh[%d] = %s;" % (1 + k, total([h for h in hints if h.ion == ion.name])))
    em.w("return _current;")
    gen.emit_lines(em)
    gen.w("}")
    gen.w()


def current_callback(gen) -> None:
    m = gen.m
    sym = m.symbols
    ion_curs = [(ion, v) for ion in m.ions for v in ion.writes_cur]
    used = I.names_used(m, gen.bp_statements())
    hinted = bool(conductance_hints(m))
    current_function(gen, False)
    if m.tables:
        current_function(gen, True)
    arrays = ["_rb", "_gb"] + ["_db_" + v for _, v in ion_curs]
    vext = " + (_ctx->vext ? _ctx->vext[_nd] : 0.)" if m.electrode else ""

    def copy_in(em):
        for line in I.copy_in(m, used):
            em.w(line)

    def quotient(em):
        """NEURON's difference quotient at v + 0.001 and v (or the CONDUCTANCE values)."""
        cur = "_nrn_current_T" if em.twins is not None else "_nrn_current"
        if hinted:
            em.w("double _gh[%d];" % (1 + len(ion_curs)))
            em.w("const double _rhs = %s(%s, _v, _gh);" % (cur, ARGS))
            for k, (_, v) in enumerate(ion_curs):
                em.w("_db_%s[_i - _i0] = _gh[%d];" % (v, 1 + k))
            em.w("_gb[_i - _i0] = _gh[0];")
            em.w("_rb[_i - _i0] = _rhs;")
            return
        em.w("const double _g_local = %s(%s, _v + .001);" % (cur, ARGS))
        for _, v in ion_curs:
            em.w("const double _d%s = %s;" % (v, col(sym[v].col)))
        em.w("const double _rhs = %s(%s, _v);" % (cur, ARGS))
        for _, v in ion_curs:
            em.w("_db_%s[_i - _i0] = (_d%s - %s) / .001;" % (v, v, col(sym[v].col)))
        em.w("_gb[_i - _i0] = (_g_local - _rhs) / .001;")
        em.w("_rb[_i - _i0] = _rhs;")

    def ion_lines(em, scale: str):
        for ion, v in ion_curs:
            k = I.cur_slot(m, ion.name, "dcurdv")
            em.w("*_pp[%d*_s + _i] += _db_%s[_i - _i0]%s;" % (k, v, scale))
        for ion, v in ion_curs:
            k = I.cur_slot(m, ion.name, "cur")
            em.w("*_pp[%d*_s + _i] += %s%s;" % (k, col(sym[v].col), scale))
        for line in I.copy_out(m):
            em.w(line)

    def onto_matrix(em, rhs: str, g: str):
        if m.electrode:
            em.w("_ctx->api->electrode_current(_ctx, _nd, %s, %s);" % (rhs, g))
        else:
            em.w("_ctx->rhs[_nd] -= %s;" % rhs)
            em.w("_ctx->d[_nd] += %s;" % g)

    def density(em):
        """One instance per node.  When a block's nodes (and the ion instances it reaches)
        are consecutive, as along a cable, v, rhs, d and the ion variables are reached as
        contiguous arrays, which the loops vectorise without gathers and pointer loads;
        otherwise through the node index and the pointer slots."""
        lines_in, lines_out = I.copy_in(m, used), []
        sub = Emitter(m)
        ion_lines(sub, "")
        lines_out = [x.strip() for x in sub.lines]
        slots = sorted({int(k) for x in lines_in + lines_out for k in _SLOT.findall(x)})
        em.w("int _contig = 1;")
        em.w("for (int _i = _i0; _i < _i1; ++_i) {")
        em.w("    _contig &= %s;" % " & ".join(
            ["(_ni[_i] == _ni[_i0] + (_i - _i0))"]
            + ["(_pp[%d*_s + _i] == _pp[%d*_s + _i0] + (_i - _i0))" % (k, k) for k in slots]))
        em.w("}")
        for contig in (True, False):
            em.w("if (_contig) {" if contig else "} else {")
            em.ind += 1
            nd = "_ni[_i0] + (_i - _i0)" if contig else "_ni[_i]"
            fix = (lambda x: _SLOT_REF.sub(r"_ionp\1[_i - _i0]", x)) if contig else (lambda x: x)
            if contig:
                for k in slots:
                    em.w("double* const _ionp%d = _pp[%d*_s + _i0];" % (k, k))
            if lines_in:
                em.w("for (int _i = _i0; _i < _i1; ++_i) {")
                for x in lines_in:
                    em.w("    " + fix(x))
                em.w("}")
            em.w("for (int _i = _i0; _i < _i1; ++_i) {")
            sub = Emitter(m, twins=em.twins)
            sub.ind = em.ind + 1
            sub.w("const int _nd = %s;" % nd)
            sub.w("double _v = _vv[_nd]%s;" % vext)
            quotient(sub)
            em.lines.extend(sub.lines)
            em.w("}")
            em.w("for (int _i = _i0; _i < _i1; ++_i) {")
            em.ind += 1
            em.w("const int _nd = %s;" % nd)
            for x in lines_out:
                em.w(fix(x))
            onto_matrix(em, "_rb[_i - _i0]", "_gb[_i - _i0]")
            em.ind -= 1
            em.w("}")
            em.ind -= 1
        em.w("}")

    def point_runs(em):
        """Instance by instance within each run of one node (v loaded once), then onto the
        node: in NEURON's order for a short run, in partial sums for a long one."""
        em.w("for (int _k = _i0; _k < _i1;) {")
        em.ind += 1
        em.w("const int _nd = _ni[_k];")
        em.w("const int _e = _nmodl_rt::run_end(_ni, _k, _i1);")
        em.w("double _v = _vv[_nd]%s;" % vext)
        em.w("for (int _i = _k; _i < _e; ++_i) {")
        sub = Emitter(m, twins=em.twins)
        sub.ind = em.ind + 1
        quotient(sub)
        em.lines.extend(sub.lines)
        em.w("}")
        em.w("const double _sc = 1.e2 / (_ctx->area[_nd]);")
        if ion_curs or I.copy_out(m):
            em.w("for (int _i = _k; _i < _e; ++_i) {")
            em.ind += 1
            ion_lines(em, " * _sc")
            em.ind -= 1
            em.w("}")
        em.w("if (_e - _k < NMODL_RUN_SUMS) {")
        em.w("    for (int _i = _k; _i < _e; ++_i) {")
        em.ind += 2
        onto_matrix(em, "_rb[_i - _i0] * _sc", "_gb[_i - _i0] * _sc")
        em.ind -= 2
        em.w("    }")
        em.w("} else {")
        em.ind += 1
        em.w("double _sr, _sg;")
        em.w("_nmodl_rt::sum2(_rb + (_k - _i0), _gb + (_k - _i0), _e - _k, _sr, _sg);")
        onto_matrix(em, "_sr * _sc", "_sg * _sc")
        em.ind -= 1
        em.w("}")
        em.w("_k = _e;")
        em.ind -= 1
        em.w("}")

    fills = []
    if m.is_point:
        if I.copy_in(m, used):
            fills.append(copy_in)
        fills.append(Raw(point_runs))
    else:
        fills.append(Raw(density))
    gen.kernel("_cb_current", fills, arrays=arrays)
