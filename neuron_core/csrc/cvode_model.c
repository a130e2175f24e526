/* cvode_model.c -- the model as an ODE system for the variable-step integrator (NEURON's
 * global method): y = v of the nodes with capacitance, then every mechanism state (instance
 * by instance); v of zero-area nodes is solved algebraically inside f; the Newton matrix
 * (I - gamma J) is solved as NEURON does: the Hines tree solve of the current-balance
 * equations with the capacitance scaled by 1/gamma (membrane di/dv from the last f), then
 * each mechanism's diagonal ode_matsol.
 * Units: v mV, rhs mA/cm2 (nA at zero-area nodes), d S/cm2 (uS), cm uF/cm2. */
#include <stdio.h>

#include "engine_int.h"
#include "nonvint_api.h"
#include "cvode_api.h"

static nrn_cvode cvg;

nrn_cvode* nrn_cvode_get(void) { return &cvg; }

/* zero-area nodes, their children, and the point processes sitting on them */
static int* nocap_child;
static int nnocap_child;
static int* nocap_pp;     /* pairs (mech index, instance row) */
static int nnocap_pp;
static double* scratch;   /* [neq] f output nobody reads */

static void free_maps(void) {
    free(cvg.nocap); cvg.nocap = NULL; cvg.nnocap = 0;
    free(nocap_child); nocap_child = NULL; nnocap_child = 0;
    free(nocap_pp); nocap_pp = NULL; nnocap_pp = 0;
    free(cvg.y); cvg.y = NULL;
    free(cvg.atol); cvg.atol = NULL;
    free(cvg.gmem); cvg.gmem = NULL;
    free(scratch); scratch = NULL;
    if (cvg.use_dense) cvb_dense_free(&cvg.dense);
    cvb_free(&cvg.cv);
}

/* Called after each rebuild of the model (and when the tolerances change): the equation
 * map is computed in Python (which nodes have capacitance, which columns are states). */
int nrn_cvode_setup(int neq, int nv, int* vnode, unsigned char* is_cap, int nmech,
                    nrn_cvode_mech* mechs, double* atolscale) {
    nrn_engine* e = &nrn_eng;
    free_maps();
    cvg.neq = neq;
    cvg.nv = nv;
    cvg.vnode = vnode;
    cvg.is_cap = is_cap;
    cvg.nmech = nmech;
    cvg.mechs = mechs;
    cvg.atolscale = atolscale;
    int n = e->nnode;
    cvg.nocap = malloc(sizeof(int) * (n > 0 ? n : 1));
    nocap_child = malloc(sizeof(int) * (n > 0 ? n : 1));
    cvg.gmem = calloc(n > 0 ? n : 1, sizeof(double));
    for (int i = 0; i < n; ++i) {
        if (!is_cap[i]) cvg.nocap[cvg.nnocap++] = i;
        int p = e->parent[i];
        if (p >= 0 && !is_cap[p]) nocap_child[nnocap_child++] = i;
    }
    int npp = 0;
    for (int k = 0; k < e->nmech; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->kind != NRN_KIND_POINT || !me->desc->current) continue;
        for (int i = 0; i < me->m.n; ++i)
            if (me->m.node[i] >= 0 && !is_cap[me->m.node[i]]) ++npp;
    }
    nocap_pp = malloc(sizeof(int) * 2 * (npp > 0 ? npp : 1));
    for (int k = 0; k < e->nmech; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->kind != NRN_KIND_POINT || !me->desc->current) continue;
        for (int i = 0; i < me->m.n; ++i) {
            if (me->m.node[i] >= 0 && !is_cap[me->m.node[i]]) {
                nocap_pp[2 * nnocap_pp] = k;
                nocap_pp[2 * nnocap_pp + 1] = i;
                ++nnocap_pp;
            }
        }
    }
    if (neq == 0) {
        cvg.structure_ok = 1;
        return 0;
    }
    cvg.y = calloc(neq, sizeof(double));
    cvg.atol = calloc(neq, sizeof(double));
    scratch = calloc(neq, sizeof(double));
    for (int i = 0; i < neq; ++i) cvg.atol[i] = cvg.atol_base * atolscale[i];
    if (cvb_alloc(&cvg.cv, neq, CVB_QMAX) != CVB_SUCCESS) {
        nrn_error("CVode: cannot allocate the integrator", NULL);
        return -1;
    }
    cvg.cv.qmax = cvg.maxorder;
    cvg.cv.atol = cvg.atol;
    cvg.cv.rtol = cvg.rtol;
    cvg.cv.f = nrn_cvode_f_internal;
    cvg.cv.data = &cvg;
    if (cvg.use_dense) {
        cvb_dense_attach(&cvg.dense, &cvg.cv, NULL, NULL);
    } else if (cvg.stiff) {
        cvg.cv.lsetup = nrn_cvode_lsetup_internal;
        cvg.cv.lsolve = nrn_cvode_lsolve_internal;
        cvg.cv.ldata = &cvg;
    }
    cvg.structure_ok = 1;
    return 0;
}

/* ------------------------------------------------------------- scatter / gather */

void nrn_cvode_scatter(double* y) {
    nrn_engine* e = &nrn_eng;
    double* v = e->ctx.v;
    const int* vn = cvg.vnode;
    for (int k = 0; k < cvg.nv; ++k) v[vn[k]] = y[k];
    for (int j = 0; j < cvg.nmech; ++j) {
        nrn_cvode_mech* cm = &cvg.mechs[j];
        nrn_mech* m = &e->mechs[cm->k].m;
        int ns = cm->nstate, s = m->stride;
        const double* yy = y + cm->ieq;
        for (int c = 0; c < ns; ++c) {
            double* col = m->p + (size_t)cm->scol[c] * s;
            for (int i = 0; i < cm->ninst; ++i) col[i] = yy[i * ns + c];
        }
    }
}

void nrn_cvode_gather_internal(double* y) {
    nrn_engine* e = &nrn_eng;
    const double* v = e->ctx.v;
    const int* vn = cvg.vnode;
    for (int k = 0; k < cvg.nv; ++k) y[k] = v[vn[k]];
    for (int j = 0; j < cvg.nmech; ++j) {
        nrn_cvode_mech* cm = &cvg.mechs[j];
        nrn_mech* m = &e->mechs[cm->k].m;
        int ns = cm->nstate, s = m->stride;
        double* yy = y + cm->ieq;
        for (int c = 0; c < ns; ++c) {
            const double* col = m->p + (size_t)cm->scol[c] * s;
            for (int i = 0; i < cm->ninst; ++i) yy[i * ns + c] = col[i];
        }
    }
}

/* D<state> columns -> ydot (to_y = 1) or b -> D<state> columns (to_y = 0) */
static void move_dstates(double* y, int to_y) {
    nrn_engine* e = &nrn_eng;
    for (int j = 0; j < cvg.nmech; ++j) {
        nrn_cvode_mech* cm = &cvg.mechs[j];
        nrn_mech* m = &e->mechs[cm->k].m;
        int ns = cm->nstate, s = m->stride;
        double* yy = y + cm->ieq;
        for (int c = 0; c < ns; ++c) {
            double* col = m->p + (size_t)cm->dcol[c] * s;
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
static void nocap_v(void) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    double* rhs = c->rhs;
    double* d = c->d;
    double* v = c->v;
    for (int k = 0; k < cvg.nnocap; ++k) {
        int nd = cvg.nocap[k];
        d[nd] = 0.0;
        rhs[nd] = 0.0;
    }
    for (int k = 0; k < nnocap_pp; ++k) {
        nrn_mech_entry* me = &e->mechs[nocap_pp[2 * k]];
        int i = nocap_pp[2 * k + 1];
        nrn_mech one = me->m;
        one.n = 1;
        one.node = me->m.node + i;
        one.pnt = me->m.pnt ? me->m.pnt + i : NULL;
        one.p = me->m.p + i;
        one.pp = me->m.pp + i;
        me->desc->current(c, &one);
    }
    for (int k = 0; k < cvg.nnocap; ++k) {
        int nd = cvg.nocap[k];
        rhs[nd] += d[nd] * v[nd];
        int p = e->parent[nd];
        if (p >= 0) {
            rhs[nd] -= e->b[nd] * v[p];
            d[nd] -= e->b[nd];
        }
    }
    for (int k = 0; k < nnocap_child; ++k) {
        int nd = nocap_child[k];
        int p = e->parent[nd];
        rhs[p] -= e->a[nd] * v[nd];
        d[p] -= e->a[nd];
    }
    for (int k = 0; k < cvg.nnocap; ++k) {
        int nd = cvg.nocap[k];
        if (d[nd] != 0.0) v[nd] = rhs[nd] / d[nd];
    }
}

/* ---------------------------------------------------------------------- f(t, y) */

int nrn_cvode_f_internal(double t, double* y, double* ydot, void* data) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    (void)data;
    cvg.stats.f_calls++;
    c->t = t;
    c->dt = cvg.cv.h != 0.0 ? cvg.cv.h : 1e-8; /* mechanisms see the current step as dt */
    nrn_play_continuous(t);
    nrn_cvode_scatter(y);
    nocap_v();
    const int n = e->nnode;
    memset(c->rhs, 0, sizeof(double) * n);
    memset(c->d, 0, sizeof(double) * n);
    if (e->sav_rhs) memset(e->sav_rhs, 0, sizeof(double) * n);
    nrn_call_ba(0);
    for (int k = 0; k < e->nmech && !e->errored; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->desc->current && me->m.n) me->desc->current(c, &me->m);
    }
    nrn_nonvint_call(NRN_NV_CURRENT);
    nrn_nonvint_call(NRN_NV_COND);
    if (e->sav_rhs)
        for (int i = 0; i < n; ++i) e->sav_rhs[i] -= c->rhs[i];
    nrn_axial_rhs();
    for (int k = 0; k < e->nmech; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->desc->ode_spec && me->m.n) me->desc->ode_spec(c, &me->m);
    }
    /* capacitive current; dv/dt = i_cap / cm */
    const int* vn = cvg.vnode;
    for (int k = 0; k < cvg.nv; ++k) {
        int nd = vn[k];
        double icap = c->rhs[nd];
        if (e->i_cap) e->i_cap[nd] = icap;
        if (e->sav_rhs) e->sav_rhs[nd] += icap;
        ydot[k] = icap / (1e-3 * e->cm[nd]);
        c->rhs[nd] = ydot[k];
    }
    if (e->sav_rhs)
        for (int i = 0; i < n; ++i) e->sav_rhs[i] *= c->area[i] * 0.01;
    memcpy(cvg.gmem, c->d, sizeof(double) * n);
    move_dstates(ydot, 1);
    nrn_call_ba(1);
    return e->errored ? -1 : 0;
}

/* ------------------------------------------------------------------ Newton solve */

/* Hines elimination over the whole tree (parents before children); rhs becomes x */
static void hines_solve(void) {
    nrn_engine* e = &nrn_eng;
    double* restrict rhs = e->ctx.rhs;
    double* restrict d = e->ctx.d;
    const double* restrict a = e->a;
    const double* restrict b = e->b;
    const int* restrict parent = e->parent;
    for (int i = e->nnode - 1; i >= 0; --i) {
        int p = parent[i];
        if (p < 0) continue;
        double f = a[i] / d[i];
        d[p] -= f * b[i];
        rhs[p] -= f * rhs[i];
    }
    for (int i = 0; i < e->nnode; ++i) {
        int p = parent[i];
        if (p >= 0) rhs[i] -= b[i] * rhs[p];
        rhs[i] /= d[i];
    }
}

int nrn_cvode_lsetup_internal(void* data, int convfail, double* ypred, double* fpred, int* jcur,
                              double gamma) {
    (void)data; (void)convfail; (void)ypred; (void)fpred; (void)gamma;
    *jcur = 1; /* the matrix is rebuilt from the latest f at every solve */
    cvg.stats.jac_calls++;
    return 0;
}

int nrn_cvode_lsolve_internal(void* data, double* b, double* ycur, double* fcur, double gamma,
                              double gamrat) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    (void)data; (void)ycur; (void)fcur; (void)gamrat;
    cvg.stats.mxb_calls++;
    if (gamma == 0.0) return 0; /* (I - 0 J) x = b */
    c->cj = 1.0 / gamma;
    c->dt = gamma;
    const int n = e->nnode;
    double* d = c->d;
    double* rhs = c->rhs;
    const double cfac = 1e-3 * c->cj;
    memcpy(d, cvg.gmem, sizeof(double) * n);
    const int* vn = cvg.vnode;
    for (int k = 0; k < cvg.nv; ++k) d[vn[k]] += cfac * e->cm[vn[k]];
    const int* parent = e->parent;
    for (int i = 0; i < n; ++i)
        if (parent[i] >= 0) d[i] -= e->b[i];
    for (int i = 0; i < n; ++i)
        if (parent[i] >= 0) d[parent[i]] -= e->a[i];
    for (int k = 0; k < cvg.nv; ++k) rhs[vn[k]] = b[k] * (cfac * e->cm[vn[k]]);
    for (int k = 0; k < cvg.nnocap; ++k) rhs[cvg.nocap[k]] = 0.0;
    hines_solve();
    for (int k = 0; k < cvg.nv; ++k) b[k] = rhs[vn[k]];
    if (cvg.stiff == 2) {
        move_dstates(b, 0);
        for (int k = 0; k < e->nmech; ++k) {
            nrn_mech_entry* me = &e->mechs[k];
            if (me->desc->ode_matsol && me->m.n) me->desc->ode_matsol(c, &me->m);
        }
        move_dstates(b, 1);
    }
    return e->errored ? -1 : 0;
}

/* ------------------------------------------------------------- Python services */

int nrn_cvode_fun(double t, double* y, double* ydot) {
    if (!cvg.structure_ok || cvg.neq == 0) return -1;
    return nrn_cvode_f_internal(t, y, ydot, &cvg);
}

int nrn_cvode_gather(double* y) {
    if (!cvg.structure_ok) return -1;
    if (cvg.y && y != cvg.y) memcpy(y, cvg.y, sizeof(double) * cvg.neq);
    return cvg.neq;
}

int nrn_cvode_dstates(double* ydot) {
    if (!cvg.structure_ok || cvg.neq == 0) return -1;
    nrn_engine* e = &nrn_eng;
    for (int k = 0; k < cvg.nv; ++k) ydot[k] = e->ctx.rhs[cvg.vnode[k]];
    move_dstates(ydot, 1);
    return cvg.neq;
}

double* nrn_cvode_scratch(void);
double* nrn_cvode_scratch(void) { return scratch; }
