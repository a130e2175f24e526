/* ldifus.c -- LONGITUDINAL_DIFFUSION: calling the mechanisms' ldifus callbacks with NEURON's
 * couplings of their instances (computed in neuron_core/ldifus.py at each rebuild).
 *
 * The callback wants its instances in node order (a partner on the root side has a smaller
 * index).  Rows are in node order except in sections attached by their 1 end, whose rows stay
 * in segment order; for such mechanisms (perm set) the instances of the view are gathered in
 * node order into scratch columns, the callback runs on those, and the data is put back.
 * Views are whole cells, so a view's rows and node-order positions are the same range. */
#include "engine_int.h"

void nrn_ldifus_view(int j, const nrn_mech* m, int which, int method) {
    nrn_engine* e = &nrn_eng;
    const nrn_ldifus* ld = &e->ldifus[j];
    const nrn_mech_entry* me = &e->mechs[ld->k];
    const int n = m->n;
    if (n == 0) {
        return;
    }
    const ptrdiff_t off = m->node - me->m.node;
    const int* pin = (which == 1 ? ld->pin_thr : which == 2 ? ld->pin_cell : ld->pin) + off;
    if (!ld->perm) {
        me->desc->ldifus(&e->ctx, (nrn_mech*) m, method, pin, ld->af + off, ld->bf + off);
        return;
    }
    const int st = m->stride;
    const int* perm = ld->perm + off;
    const double* src = me->m.p;
    double** srcpp = me->m.pp;
    for (int c = 0; c < ld->ncol; ++c) {
        const double* from = src + (size_t) c * st;
        double* to = ld->p + (size_t) c * st + off;
        for (int i = 0; i < n; ++i) {
            to[i] = from[perm[i]];
        }
    }
    for (int c = 0; c < ld->nslot; ++c) {
        double* const* from = srcpp + (size_t) c * st;
        double** to = ld->pp + (size_t) c * st + off;
        for (int i = 0; i < n; ++i) {
            to[i] = from[perm[i]];
        }
    }
    for (int i = 0; i < n; ++i) {
        ld->node[off + i] = me->m.node[perm[i]];
    }
    nrn_mech v = *m;
    v.p = ld->p + off;
    v.pp = ld->pp + off;
    v.node = ld->node + off;
    v.pnt = NULL;
    me->desc->ldifus(&e->ctx, &v, method, pin, ld->af + off, ld->bf + off);
    for (int c = 0; c < ld->ncol; ++c) {
        const double* from = ld->p + (size_t) c * st + off;
        double* to = me->m.p + (size_t) c * st;
        for (int i = 0; i < n; ++i) {
            to[perm[i]] = from[i];
        }
    }
}

/* Fixed step, after the states: all instances (tid -1) or thread tid's view. */
void nrn_ldifus_step(int tid) {
    nrn_engine* e = &nrn_eng;
    for (int j = 0; j < e->nldifus; ++j) {
        const int k = e->ldifus[j].k;
        if (tid >= 0 && e->nthread > 1) {
            nrn_ldifus_view(j, &e->thr_mechs[tid * e->nmech + k], 1, 0);
        } else {
            nrn_ldifus_view(j, &e->mechs[k].m, 0, 0);
        }
    }
}

/* Variable step: views[k] is mechanism k's instances in the system (all, or one cell's). */
void nrn_ldifus_views(const nrn_mech* views, int which, int method) {
    nrn_engine* e = &nrn_eng;
    for (int j = 0; j < e->nldifus; ++j) {
        nrn_ldifus_view(j, &views[e->ldifus[j].k], which, method);
    }
}
