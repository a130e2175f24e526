/* cvode_model.c -- the model as an ODE system for the variable-step integrator (NEURON's
 * method): y = v of the nodes with capacitance, then every mechanism's states (instance by
 * instance); v of zero-area nodes is solved algebraically inside f; the Newton matrix
 * (I - gamma J) is solved as NEURON does: the Hines tree solve of the current-balance
 * equations with the capacitance scaled by 1/gamma (membrane di/dv from the last f), then
 * each mechanism's diagonal ode_matsol.  A system covers a node range: the whole model for
 * the global step, one cell for the local step.
 * Units: v mV, rhs mA/cm2 (nA at zero-area nodes), d S/cm2 (uS), cm uF/cm2. */
#include <stdio.h>

#include "engine_int.h"
#include "nonvint_api.h"
#include "cvode_api.h"

static nrn_cvode cvg;

nrn_cvode* nrn_cvode_get(void) { return &cvg; }

/* ----------------------------------------------------------------- systems */

void nrn_cvsys_free(nrn_cvsys* s) {
    free(s->nocap);
    free(s->nocap_child);
    free(s->nocap_pp);
    free(s->views);
    free(s->rec);
    free(s->ps);
    if (!s->global) {
        for (int j = 0; j < s->nmech; ++j) {
            free(s->mechs[j].scol);
            free(s->mechs[j].dcol);
        }
        free(s->mechs);
        free(s->vnode);
    }
    memset(s, 0, sizeof(*s));
}

/* zero-area nodes of the system, their children, the point processes on them */
static int sys_nocap(nrn_cvsys* s, const unsigned char* is_cap) {
    nrn_engine* e = &nrn_eng;
    int n = s->node1 - s->node0;
    s->nocap = malloc(sizeof(int) * (n > 0 ? n : 1));
    s->nocap_child = malloc(sizeof(int) * (n > 0 ? n : 1));
    if (!s->nocap || !s->nocap_child) return -1;
    for (int i = s->node0; i < s->node1; ++i) {
        if (!is_cap[i]) s->nocap[s->nnocap++] = i;
        int p = e->parent[i];
        if (p >= 0 && !is_cap[p]) s->nocap_child[s->nnocap_child++] = i;
    }
    int npp = 0;
    for (int pass = 0; pass < 2; ++pass) {
        for (int k = 0; k < e->nmech; ++k) {
            nrn_mech_entry* me = &e->mechs[k];
            nrn_mech* v = &s->views[k];
            if (me->kind != NRN_KIND_POINT || !me->desc->current) continue;
            for (int i = 0; i < v->n; ++i) {
                if (v->node[i] >= 0 && !is_cap[v->node[i]]) {
                    if (pass) {
                        s->nocap_pp[2 * s->nnocap_pp] = k;
                        s->nocap_pp[2 * s->nnocap_pp + 1] = i;
                        ++s->nnocap_pp;
                    } else {
                        ++npp;
                    }
                }
            }
        }
        if (!pass) {
            s->nocap_pp = malloc(sizeof(int) * 2 * (npp > 0 ? npp : 1));
            if (!s->nocap_pp) return -1;
        }
    }
    return 0;
}

/* mechanism k's instances on nodes [node0, node1) (rows are sorted by node) */
static void view_range(nrn_mech* out, const nrn_mech* m, int node0, int node1) {
    int r0 = 0, r1;
    while (r0 < m->n && m->node[r0] < node0) ++r0;
    r1 = r0;
    while (r1 < m->n && m->node[r1] >= 0 && m->node[r1] < node1) ++r1;
    *out = *m;
    out->n = r1 - r0;
    out->node = m->node + r0;
    out->pnt = m->pnt ? m->pnt + r0 : NULL;
    out->p = m->p + r0;
    out->pp = m->pp + r0;
}

/* the global system in NEURON's DAE form: IDA with NEURON's residual and Newton solve */
static int dae_alloc(nrn_cvi* ci) {
    int neq = ci->sys.neq;
    ci->dae = 1;
    ci->yp = calloc(neq, sizeof(double));
    if (!ci->yp || idb_alloc(&ci->ida, neq, IDB_MAXORD) != IDB_SUCCESS) {
        nrn_error("CVode: cannot allocate the DAE integrator", NULL);
        return -1;
    }
    ci->ida.atol = ci->atol;
    ci->ida.res = nrn_dae_res;
    ci->ida.data = ci;
    ci->ida.lsetup = NULL; /* the solve builds its matrix from the last residual */
    ci->ida.lsolve = nrn_dae_psol;
    ci->ida.ldata = ci;
    return 0;
}

int nrn_cvi_alloc(nrn_cvi* ci) {
    int neq = ci->sys.neq;
    if (neq == 0) return 0;
    ci->y = calloc(neq, sizeof(double));
    ci->atol = calloc(neq, sizeof(double));
    ci->scratch = calloc(neq, sizeof(double));
    if (!ci->y || !ci->atol || !ci->scratch) {
        nrn_error("CVode: cannot allocate the integrator", NULL);
        return -1;
    }
    if (ci->sys.global && cvg.dae) return dae_alloc(ci);
    if (cvb_alloc(&ci->cv, neq, CVB_QMAX) != CVB_SUCCESS) {
        nrn_error("CVode: cannot allocate the integrator", NULL);
        return -1;
    }
    ci->cv.qmax = cvg.maxorder;
    ci->cv.atol = ci->atol;
    ci->cv.rtol = cvg.rtol;
    ci->cv.f = nrn_cvode_f_internal;
    ci->cv.data = ci;
    ci->use_dense = cvg.use_dense;
    if (cvg.use_dense == 1) {
        cvb_dense_attach(&ci->dense, &ci->cv, NULL, NULL);
    } else if (cvg.use_dense == 2) {
        cvb_diag_attach(&ci->diag, &ci->cv);
    } else if (cvg.stiff) {
        ci->cv.lsetup = nrn_cvode_lsetup_internal;
        ci->cv.lsolve = nrn_cvode_lsolve_internal;
        ci->cv.ldata = ci;
    }
    return 0;
}

void nrn_cvi_free(nrn_cvi* ci) {
    free(ci->y);
    free(ci->yp);
    free(ci->atol);
    free(ci->scratch);
    if (ci->use_dense == 1) cvb_dense_free(&ci->dense);
    if (ci->use_dense == 2) cvb_diag_free(&ci->diag);
    if (ci->ida.block) idb_free(&ci->ida);
    if (ci->cv.block) cvb_free(&ci->cv);
    nrn_cvsys_free(&ci->sys);
    memset(ci, 0, sizeof(*ci));
}

static void free_local(void) {
    for (int i = 0; i < cvg.nlcv; ++i) nrn_cvi_free(&cvg.lcv[i]);
    free(cvg.lcv);
    cvg.lcv = NULL;
    cvg.nlcv = 0;
}

/* Called after each rebuild of the model (and when settings change): the global equation
 * map comes from Python (which nodes have capacitance, which columns are states); the local
 * step splits it by cell. */
int nrn_cvode_setup(int neq, int nv, int* vnode, unsigned char* is_cap, int nmech,
                    nrn_cvode_mech* mechs, double* atolscale, int ncell, int* cell_start) {
    nrn_engine* e = &nrn_eng;
    free_local();
    nrn_cvi_free(&cvg.gi);
    free(cvg.gmem);
    free(cvg.gmem_ext);
    free(cvg.parasite);
    cvg.gmem_ext = cvg.parasite = NULL;
    cvg.use_parasite = 0;
    cvg.is_cap = is_cap;
    cvg.atolscale = atolscale;
    cvg.neq = neq;
    cvg.gmem = calloc(e->nnode > 0 ? e->nnode : 1, sizeof(double));
    if (cvg.dae) {
        if (cvg.local || !cvg.eqnode) {
            nrn_error("CVode: the DAE form needs the global step and its equation map", NULL);
            return -1;
        }
        size_t nx = e->ext ? (size_t)e->ext->nlayer * e->nnode : 1;
        cvg.gmem_ext = calloc(nx, sizeof(double));
        cvg.parasite = calloc(neq > 0 ? neq : 1, sizeof(double));
        if (!cvg.gmem_ext || !cvg.parasite) return -1;
    }
    nrn_cvsys* s = &cvg.gi.sys;
    s->global = 1;
    s->node0 = 0;
    s->node1 = e->nnode;
    s->neq = neq;
    s->nv = nv;
    s->vnode = vnode;
    s->nmech = nmech;
    s->mechs = mechs;
    s->views = malloc(sizeof(nrn_mech) * (e->nmech > 0 ? e->nmech : 1));
    if (!cvg.gmem || !s->views) return -1;
    for (int k = 0; k < e->nmech; ++k) s->views[k] = e->mechs[k].m;
    int mech_end = nv;
    for (int j = 0; j < nmech; ++j) {
        int end = mechs[j].ieq + mechs[j].ninst * mechs[j].nstate;
        if (end > mech_end) mech_end = end;
    }
    s->nblk = neq - mech_end;
    if (sys_nocap(s, is_cap)) return -1;
    if (cvg.local && s->nblk) {
        nrn_error("CVode.use_local_dt: reaction-diffusion and other ODE blocks need the global "
                  "variable step", NULL);
        return -1;
    }
    if (cvg.local) {
        if (nrn_cvode_local_setup(ncell, cell_start)) return -1;
    } else if (nrn_cvi_alloc(&cvg.gi)) {
        return -1;
    }
    cvg.structure_ok = 1;
    return 0;
}

/* split the global map into one system per cell (cells are contiguous node ranges and each
 * mechanism's instances of a cell are contiguous rows) */
int nrn_cvode_local_setup(int ncell, int* cell_start) {
    nrn_engine* e = &nrn_eng;
    nrn_cvsys* g = &cvg.gi.sys;
    cvg.lcv = calloc(ncell > 0 ? ncell : 1, sizeof(nrn_cvi));
    if (!cvg.lcv) return -1;
    cvg.nlcv = ncell;
    for (int c = 0; c < ncell; ++c) {
        nrn_cvi* ci = &cvg.lcv[c];
        nrn_cvsys* s = &ci->sys;
        s->node0 = cell_start[c];
        s->node1 = cell_start[c + 1];
        s->views = malloc(sizeof(nrn_mech) * (e->nmech > 0 ? e->nmech : 1));
        s->vnode = malloc(sizeof(int) * (g->nv > 0 ? g->nv : 1));
        s->mechs = calloc(g->nmech > 0 ? g->nmech : 1, sizeof(nrn_cvode_mech));
        if (!s->views || !s->vnode || !s->mechs) return -1;
        for (int k = 0; k < e->nmech; ++k) view_range(&s->views[k], &e->mechs[k].m, s->node0, s->node1);
        for (int k = 0; k < g->nv; ++k)
            if (g->vnode[k] >= s->node0 && g->vnode[k] < s->node1) s->vnode[s->nv++] = g->vnode[k];
        int ieq = s->nv;
        for (int j = 0; j < g->nmech; ++j) {
            nrn_cvode_mech* gm = &g->mechs[j];
            nrn_mech* v = &s->views[gm->k];
            if (v->n == 0) continue;
            nrn_cvode_mech* cm = &s->mechs[s->nmech++];
            *cm = *gm;
            cm->scol = malloc(sizeof(int) * gm->nstate);
            cm->dcol = malloc(sizeof(int) * gm->nstate);
            memcpy(cm->scol, gm->scol, sizeof(int) * gm->nstate);
            memcpy(cm->dcol, gm->dcol, sizeof(int) * gm->nstate);
            cm->ninst = v->n;
            cm->row0 = (int)(v->node - e->mechs[gm->k].m.node);
            cm->ieq = ieq;
            ieq += cm->ninst * cm->nstate;
        }
        s->neq = ieq;
        if (sys_nocap(s, cvg.is_cap)) return -1;
        if (nrn_cvi_alloc(ci)) return -1;
    }
    return 0;
}

/* ------------------------------------------------------------- scatter / gather */

void nrn_cvode_scatter(nrn_cvsys* s, double* y) {
    nrn_engine* e = &nrn_eng;
    double* v = e->ctx.v;
    const int* vn = s->vnode;
    for (int k = 0; k < s->nv; ++k) v[vn[k]] = y[k];
    nrn_cvode_states_scatter(s, y);
}

/* mechanism states y -> their columns, then each mechanism's ode_synonym (the ion
 * concentrations it writes follow its states at once, as NEURON's scatter_y) */
void nrn_cvode_states_scatter(nrn_cvsys* s, const double* y) {
    nrn_engine* e = &nrn_eng;
    for (int j = 0; j < s->nmech; ++j) {
        nrn_cvode_mech* cm = &s->mechs[j];
        nrn_mech* m = &e->mechs[cm->k].m;
        int ns = cm->nstate, st = m->stride;
        const double* yy = y + cm->ieq;
        for (int c = 0; c < ns; ++c) {
            double* col = m->p + (size_t)cm->scol[c] * st + cm->row0;
            for (int i = 0; i < cm->ninst; ++i) col[i] = yy[i * ns + c];
        }
    }
    for (int j = 0; j < s->nmech; ++j) {
        nrn_mech_entry* me = &e->mechs[s->mechs[j].k];
        nrn_mech* v = &s->views[s->mechs[j].k];
        if (me->desc->ode_synonym && v->n) me->desc->ode_synonym(&e->ctx, v);
    }
}

void nrn_cvode_gather_internal(nrn_cvsys* s, double* y) {
    nrn_engine* e = &nrn_eng;
    const double* v = e->ctx.v;
    const int* vn = s->vnode;
    for (int k = 0; k < s->nv; ++k) y[k] = v[vn[k]];
    nrn_cvode_states_gather(s, y);
}

/* mechanism states and ODE-block states -> y */
void nrn_cvode_states_gather(nrn_cvsys* s, double* y) {
    nrn_engine* e = &nrn_eng;
    for (int j = 0; j < s->nmech; ++j) {
        nrn_cvode_mech* cm = &s->mechs[j];
        nrn_mech* m = &e->mechs[cm->k].m;
        int ns = cm->nstate, st = m->stride;
        double* yy = y + cm->ieq;
        for (int c = 0; c < ns; ++c) {
            const double* col = m->p + (size_t)cm->scol[c] * st + cm->row0;
            for (int i = 0; i < cm->ninst; ++i) yy[i * ns + c] = col[i];
        }
    }
    if (s->nblk) nrn_cvode_blocks_gather(s->neq - s->nblk, y);
}

/* D<state> columns -> y (to_y = 1) or y -> D<state> columns (to_y = 0) */
void nrn_cvode_move_dstates(nrn_cvsys* s, double* y, int to_y) {
    nrn_engine* e = &nrn_eng;
    for (int j = 0; j < s->nmech; ++j) {
        nrn_cvode_mech* cm = &s->mechs[j];
        nrn_mech* m = &e->mechs[cm->k].m;
        int ns = cm->nstate, st = m->stride;
        double* yy = y + cm->ieq;
        for (int c = 0; c < ns; ++c) {
            double* col = m->p + (size_t)cm->dcol[c] * st + cm->row0;
            if (to_y) {
                for (int i = 0; i < cm->ninst; ++i) yy[i * ns + c] = col[i];
            } else {
                for (int i = 0; i < cm->ninst; ++i) col[i] = yy[i * ns + c];
            }
        }
    }
}

/* ----------------------------------------------------------------- zero-area nodes */

/* v at zero-area nodes from their neighbours (and the currents of point processes on them,
 * linearized about the previous v): (g + sum |axial|) v = g v_old - i(v_old) + sum |axial| v_j */
static void nocap_v(nrn_cvsys* s) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    double* rhs = c->rhs;
    double* d = c->d;
    double* v = c->v;
    for (int k = 0; k < s->nnocap; ++k) {
        int nd = s->nocap[k];
        d[nd] = 0.0;
        rhs[nd] = 0.0;
    }
    for (int k = 0; k < s->nnocap_pp; ++k) {
        int mk = s->nocap_pp[2 * k], i = s->nocap_pp[2 * k + 1];
        nrn_mech* vw = &s->views[mk];
        nrn_mech one = *vw;
        one.n = 1;
        one.node = vw->node + i;
        one.pnt = vw->pnt ? vw->pnt + i : NULL;
        one.p = vw->p + i;
        one.pp = vw->pp + i;
        e->mechs[mk].desc->current(c, &one);
    }
    for (int k = 0; k < s->nnocap; ++k) {
        int nd = s->nocap[k];
        rhs[nd] += d[nd] * v[nd];
        int p = e->parent[nd];
        if (p >= 0) {
            rhs[nd] -= e->b[nd] * v[p];
            d[nd] -= e->b[nd];
        }
    }
    for (int k = 0; k < s->nnocap_child; ++k) {
        int nd = s->nocap_child[k];
        int p = e->parent[nd];
        rhs[p] -= e->a[nd] * v[nd];
        d[p] -= e->a[nd];
    }
    for (int k = 0; k < s->nnocap; ++k) {
        int nd = s->nocap[k];
        if (d[nd] != 0.0) v[nd] = rhs[nd] / d[nd];
    }
}

/* ---------------------------------------------------------------------- f(t, y) */

int nrn_cvode_f_internal(double t, double* y, double* ydot, void* data) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    nrn_cvi* ci = data;
    nrn_cvsys* s = &ci->sys;
    nrn_cvi* prev = cvg.cur;
    cvg.cur = ci;
    ci->stats.f_calls++;
    c->t = t;
    const double dt_user = c->dt;  /* h.dt as the user sees it between calls */
    c->dt = ci->cv.h != 0.0 ? ci->cv.h : 1e-8; /* mechanisms see the current step as dt */
    nrn_play_continuous(t);
    nrn_cvode_scatter(s, y);
    nocap_v(s);
    if (s->global && nrn_cvode_blocks_fun(s->neq - s->nblk, t, y, ydot)) {
        cvg.cur = prev ? prev : ci;
        c->dt = dt_user;
        return -1;
    }
    const int n0 = s->node0, n1 = s->node1, n = n1 - n0;
    memset(c->rhs + n0, 0, sizeof(double) * n);
    memset(c->d + n0, 0, sizeof(double) * n);
    if (e->sav_rhs) memset(e->sav_rhs + n0, 0, sizeof(double) * n);
    if (s->global) nrn_call_ba(0);
    for (int k = 0; k < e->nmech && !e->errored; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->desc->current && s->views[k].n) me->desc->current(c, &s->views[k]);
    }
    if (s->global) {
        nrn_nonvint_call(NRN_NV_CURRENT);
        nrn_nonvint_call(NRN_NV_COND);
    }
    if (e->sav_rhs)
        for (int i = n0; i < n1; ++i) e->sav_rhs[i] -= c->rhs[i];
    const int* parent = e->parent;
    for (int i = n0; i < n1; ++i) {
        int p = parent[i];
        if (p < 0) continue;
        double dv = c->v[p] - c->v[i];
        c->rhs[i] -= e->b[i] * dv;
        c->rhs[p] += e->a[i] * dv;
    }
    for (int k = 0; k < e->nmech; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->desc->ode_spec && s->views[k].n) me->desc->ode_spec(c, &s->views[k]);
    }
    if (e->nldifus) nrn_ldifus_views(s->views, s->global ? 0 : 2, 1);
    /* capacitive current; dv/dt = i_cap / cm */
    const int* vn = s->vnode;
    for (int k = 0; k < s->nv; ++k) {
        int nd = vn[k];
        double icap = c->rhs[nd];
        if (e->i_cap) e->i_cap[nd] = icap;
        if (e->sav_rhs) e->sav_rhs[nd] += icap;
        ydot[k] = icap / (1e-3 * e->cm[nd]);
        c->rhs[nd] = ydot[k];
    }
    if (e->sav_rhs)
        for (int i = n0; i < n1; ++i) e->sav_rhs[i] *= c->area[i] * 0.01;
    memcpy(cvg.gmem + n0, c->d + n0, sizeof(double) * n);
    nrn_cvode_move_dstates(s, ydot, 1);
    if (s->global) nrn_call_ba(1);
    cvg.cur = prev ? prev : ci;
    c->dt = dt_user;
    return e->errored ? -1 : 0;
}

/* ------------------------------------------------------------------ Newton solve */

/* Hines elimination over the system's nodes (parents before children); rhs becomes x */
void nrn_cvode_hines(int n0, int n1) {
    nrn_engine* e = &nrn_eng;
    double* restrict rhs = e->ctx.rhs;
    double* restrict d = e->ctx.d;
    const double* restrict a = e->a;
    const double* restrict b = e->b;
    const int* restrict parent = e->parent;
    for (int i = n1 - 1; i >= n0; --i) {
        int p = parent[i];
        if (p < 0) continue;
        double f = a[i] / d[i];
        d[p] -= f * b[i];
        rhs[p] -= f * rhs[i];
    }
    for (int i = n0; i < n1; ++i) {
        int p = parent[i];
        if (p >= 0) rhs[i] -= b[i] * rhs[p];
        rhs[i] /= d[i];
    }
}

int nrn_cvode_lsetup_internal(void* data, int convfail, double* ypred, double* fpred, int* jcur,
                              double gamma) {
    nrn_cvi* ci = data;
    (void)convfail; (void)ypred; (void)fpred; (void)gamma;
    *jcur = 1; /* the matrix is rebuilt from the latest f at every solve */
    if (ci->sys.global) ci->stats.jac_calls++;
    return 0;
}

int nrn_cvode_lsolve_internal(void* data, double* b, double* ycur, double* fcur, double gamma,
                              double gamrat) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    nrn_cvi* ci = data;
    nrn_cvsys* s = &ci->sys;
    (void)ycur; (void)fcur; (void)gamrat;
    ci->stats.mxb_calls++;
    if (gamma == 0.0) return 0; /* (I - 0 J) x = b */
    c->cj = 1.0 / gamma;
    c->dt = gamma;
    const int n0 = s->node0, n1 = s->node1;
    double* d = c->d;
    double* rhs = c->rhs;
    const double cfac = 1e-3 * c->cj;
    memcpy(d + n0, cvg.gmem + n0, sizeof(double) * (n1 - n0));
    const int* vn = s->vnode;
    for (int k = 0; k < s->nv; ++k) d[vn[k]] += cfac * e->cm[vn[k]];
    const int* parent = e->parent;
    for (int i = n0; i < n1; ++i)
        if (parent[i] >= 0) d[i] -= e->b[i];
    for (int i = n0; i < n1; ++i)
        if (parent[i] >= 0) d[parent[i]] -= e->a[i];
    for (int k = 0; k < s->nv; ++k) rhs[vn[k]] = b[k] * (cfac * e->cm[vn[k]]);
    for (int k = 0; k < s->nnocap; ++k) rhs[s->nocap[k]] = 0.0;
    nrn_cvode_hines(n0, n1);
    for (int k = 0; k < s->nv; ++k) b[k] = rhs[vn[k]];
    if (cvg.stiff == 2) {
        nrn_cvode_move_dstates(s, b, 0);
        for (int k = 0; k < e->nmech; ++k) {
            nrn_mech_entry* me = &e->mechs[k];
            if (me->desc->ode_matsol && s->views[k].n) me->desc->ode_matsol(c, &s->views[k]);
        }
        if (e->nldifus) nrn_ldifus_views(s->views, s->global ? 0 : 2, 2);
        nrn_cvode_move_dstates(s, b, 1);
    }
    if (s->nblk && nrn_cvode_blocks_solve(s->neq - s->nblk, gamma, b, ycur)) return 1;
    return e->errored ? -1 : 0;
}

/* ------------------------------------------------------------- Python services */

int nrn_cvode_fun(double t, double* y, double* ydot) {
    if (!cvg.structure_ok || cvg.neq == 0 || cvg.local || cvg.dae) return -1;
    return nrn_cvode_f_internal(t, y, ydot, &cvg.gi);
}

int nrn_cvode_gather(double* y) {
    if (!cvg.structure_ok) return -1;
    if (!cvg.local) {
        if (cvg.gi.y) memcpy(y, cvg.gi.y, sizeof(double) * cvg.gi.sys.neq);
        return cvg.gi.sys.neq;
    }
    int off = 0;
    for (int c = 0; c < cvg.nlcv; ++c) {
        nrn_cvi* ci = &cvg.lcv[c];
        if (ci->y) memcpy(y + off, ci->y, sizeof(double) * ci->sys.neq);
        off += ci->sys.neq;
    }
    return off;
}

int nrn_cvode_dstates(double* ydot) {
    if (!cvg.structure_ok) return -1;
    nrn_engine* e = &nrn_eng;
    if (cvg.dae) {
        if (cvg.gi.sys.neq) nrn_dae_dstates(&cvg.gi.sys, ydot);
        return cvg.gi.sys.neq;
    }
    int off = 0;
    int nsys = cvg.local ? cvg.nlcv : 1;
    for (int c = 0; c < nsys; ++c) {
        nrn_cvsys* s = cvg.local ? &cvg.lcv[c].sys : &cvg.gi.sys;
        for (int k = 0; k < s->nv; ++k) ydot[off + k] = e->ctx.rhs[s->vnode[k]];
        nrn_cvode_move_dstates(s, ydot + off, 1);
        off += s->neq;
    }
    return off;
}
