/* ida_model.c -- the model in NEURON's DAE form for the IDA method (CVode.use_daspk, and
 * always with extracellular): C y' = f(y) written as F(t, y, y') = C y' - f(y) = 0.
 *
 * y: for every node in node order its internal potential vi (= v + vext[0] where the node has
 * extracellular layers, else v), then its layer potentials vext[0..nlayer-1]; then the ODE
 * states of the mechanisms (as for CVODE) and of the ODE blocks.  Zero-area nodes are in y
 * with no capacitance: their current balance is an algebraic equation.
 *
 * f is the fixed step's right-hand side (membrane and electrode currents, layer currents
 * through xg, axial currents, D<state>); C holds cm (membrane, between vi and vext[0]) and xc
 * (between layers, and the last layer to ground).  The Newton system (cj C - df/dy) x = b is
 * solved as NEURON does: the fixed step's matrix with cj (membrane di/dv from the last
 * residual), the tree or extracellular block solve, then each mechanism's ode_matsol scaled by
 * 1/cj.  Initialization (NEURON's Daspk::init): two backward Euler steps of dteps (1e-9 ms)
 * give y, a third gives y' from the change of the node unknowns over dteps, y' of the states
 * is f; then the residual there is checked.
 * Units: v mV, t ms, rhs mA/cm2 (nA at zero-area nodes), cm, xc uF/cm2. */
#include <stdio.h>

#include "engine_int.h"
#include "nonvint_api.h"
#include "cvode_api.h"

#define G (nrn_cvode_get())
#define X (nrn_eng.ext)

/* extracellular mechanism columns: xraxial[nl] xg[nl] xc[nl] e i_membrane sav_g sav_rhs */
static int has_ext(int i) { return X && X->row[i] != -2; }
static double* ext_col(int row, int col) { return &X->p[(size_t)col * X->stride + row]; }
#define XC(row, k) (*ext_col(row, 2 * X->nlayer + (k)))
#define IMEM(row) (*ext_col(row, 3 * X->nlayer + 1))
#define SAVRHS(row) (*ext_col(row, 3 * X->nlayer + 3))

/* --------------------------------------------------------------------- the map */

int nrn_cvode_dae_map(int neq_v, int* eqnode) {
    nrn_cvode* g = G;
    g->neq_v = neq_v;
    g->eqnode = eqnode;
    return 0;
}

/* y -> v, vext, states; v = vi - vext[0] */
static void dae_scatter(nrn_cvsys* s, const double* y) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    const int* eq = G->eqnode;
    double* v = e->ctx.v;
    for (int i = 0; i < n; ++i) v[i] = y[eq[i]];
    if (X) {
        const int nl = X->nlayer;
        for (int i = 0; i < n; ++i) {
            if (!has_ext(i)) continue;
            for (int k = 0; k < nl; ++k) X->vx[(size_t)k * n + i] = y[eq[i] + 1 + k];
            v[i] -= X->vx[i];
        }
    }
    nrn_cvode_states_scatter(s, y);
}

void nrn_dae_gather(nrn_cvsys* s, double* y) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    const int* eq = G->eqnode;
    const double* v = e->ctx.v;
    for (int i = 0; i < n; ++i) y[eq[i]] = v[i];
    if (X) {
        const int nl = X->nlayer;
        for (int i = 0; i < n; ++i) {
            if (!has_ext(i)) continue;
            for (int k = 0; k < nl; ++k) y[eq[i] + 1 + k] = X->vx[(size_t)k * n + i];
            y[eq[i]] += y[eq[i] + 1];
        }
    }
    nrn_cvode_states_gather(s, y);
}

/* the node unknowns of the last matrix solve (rhs, layer rhs) -> y order */
static void gather_node_rhs(double* out) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    const int* eq = G->eqnode;
    for (int i = 0; i < n; ++i) out[eq[i]] = e->ctx.rhs[i];
    if (X) {
        const int nl = X->nlayer;
        for (int i = 0; i < n; ++i)
            if (has_ext(i))
                for (int k = 0; k < nl; ++k) out[eq[i] + 1 + k] = X->rhs[(size_t)k * n + i];
    }
}

static void scatter_node_rhs(const double* in) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    const int* eq = G->eqnode;
    for (int i = 0; i < n; ++i) e->ctx.rhs[i] = in[eq[i]];
    if (X) {
        const int nl = X->nlayer;
        for (int i = 0; i < n; ++i)
            if (has_ext(i))
                for (int k = 0; k < nl; ++k) X->rhs[(size_t)k * n + i] = in[eq[i] + 1 + k];
    }
}

/* CVode.dstates in the DAE form, as NEURON: the right-hand side f of the last residual (node
 * and layer currents, D<state>), not y' */
void nrn_dae_dstates(nrn_cvsys* s, double* out) {
    gather_node_rhs(out);
    nrn_cvode_move_dstates(s, out, 1);
    for (int i = s->neq - s->nblk; i < s->neq; ++i) out[i] = 0.0;
}

/* ------------------------------------------------------------------- residual */

/* f(y): the fixed step's right-hand side at the scattered y (no capacitive terms) */
static void rhs_f(nrn_cvsys* s) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    const int n = e->nnode;
    memset(c->rhs, 0, sizeof(double) * n);
    memset(c->d, 0, sizeof(double) * n);
    if (e->sav_rhs) memset(e->sav_rhs, 0, sizeof(double) * n);
    if (X) nrn_ext_begin();
    nrn_call_ba(0);
    for (int k = 0; k < e->nmech && !e->errored; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->desc->current && s->views[k].n) me->desc->current(c, &s->views[k]);
    }
    if (e->sav_rhs)
        for (int i = 0; i < n; ++i) e->sav_rhs[i] -= c->rhs[i];
    if (X) nrn_ext_rhs();
    nrn_axial_rhs();
    /* ODE blocks' currents after the cable's, as in the fixed step's matrix setup */
    nrn_nonvint_call(NRN_NV_CURRENT);
    nrn_nonvint_call(NRN_NV_COND);
    /* membrane di/dv (and electrode conductances in the layers) for the Newton matrix */
    memcpy(G->gmem, c->d, sizeof(double) * n);
    if (X) memcpy(G->gmem_ext, X->d, sizeof(double) * (size_t)X->nlayer * n);
    for (int k = 0; k < e->nmech; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->desc->ode_spec && s->views[k].n) me->desc->ode_spec(c, &s->views[k]);
    }
    if (e->nldifus) nrn_ldifus_views(s->views, 0, 1);
}

/* delta -= C y' on the node and layer equations; i_cap, i_membrane (mA/cm2), fast i_membrane_ */
static void capacitive(const double* yp, double* delta) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    const int* eq = G->eqnode;
    for (int i = 0; i < n; ++i) {
        double cm = e->cm[i], cdvm = 0.0;
        if (cm != 0.0) {
            int j = eq[i];
            if (has_ext(i)) {
                cdvm = 1e-3 * cm * (yp[j] - yp[j + 1]); /* cm dvm/dt leaves vi, enters layer 0 */
                delta[j] -= cdvm;
                delta[j + 1] += cdvm;
                if (X->row[i] >= 0) SAVRHS(X->row[i]) += cdvm;
            } else {
                cdvm = 1e-3 * cm * yp[j];
                delta[j] -= cdvm;
            }
            if (e->i_cap) e->i_cap[i] = cdvm;
        }
        if (e->sav_rhs) e->sav_rhs[i] = (e->sav_rhs[i] + cdvm) * e->ctx.area[i] * 0.01;
    }
    if (!X) return;
    const int nl = X->nlayer;
    for (int i = 0; i < n; ++i) {
        int row = X->row[i];
        if (row < 0) continue;
        IMEM(row) = SAVRHS(row);
        int j = eq[i] + 1; /* vext[0] */
        int jj = j + nl - 1;
        delta[jj] -= 1e-3 * XC(row, nl - 1) * yp[jj]; /* last layer to ground */
        for (int k = nl - 2; k >= 0; --k) {
            jj = j + k;
            double x = 1e-3 * XC(row, k) * (yp[jj] - yp[jj + 1]);
            delta[jj] -= x;
            delta[jj + 1] += x;
        }
    }
}

/* F(t, y, y') = C y' - f(y) */
int nrn_dae_res(double t, double* y, double* yp, double* delta, void* data) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    nrn_cvi* ci = data;
    nrn_cvsys* s = &ci->sys;
    nrn_cvi* prev = G->cur;
    G->cur = ci;
    ci->stats.f_calls++;
    c->t = t;
    dae_scatter(s, y);
    nrn_play_continuous(t);
    const int nblk0 = s->neq - s->nblk;
    int r = nrn_cvode_blocks_fun(nblk0, t, y, delta); /* blocks without states run too */
    if (!r) {
        rhs_f(s);
        gather_node_rhs(delta);
        nrn_cvode_move_dstates(s, delta, 1);
        capacitive(yp, delta);
        for (int i = G->neq_v; i < s->neq; ++i) delta[i] -= yp[i];
        for (int i = 0; i < s->neq; ++i) delta[i] = -delta[i];
        if (G->use_parasite && t - G->t_parasite < 1e-6) {
            double fac = exp(1e7 * (G->t_parasite - t));
            for (int i = 0; i < s->neq; ++i) delta[i] -= G->parasite[i] * fac;
        }
        nrn_call_ba(1);
    }
    G->cur = prev ? prev : ci;
    return (r || e->errored) ? -1 : 0;
}

/* ------------------------------------------------------------- Newton solve */

/* b <- (cj C - df/dy)^-1 b at the current iterate */
int nrn_dae_psol(void* ldata, double* b, double* ycur, double* ypcur, double* rcur) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    nrn_cvi* ci = ldata;
    nrn_cvsys* s = &ci->sys;
    idb_mem* m = &ci->ida;
    (void)ypcur; (void)rcur;
    ci->stats.mxb_calls++;
    const int n = e->nnode;
    c->t = m->tn;
    c->cj = m->cj;
    c->dt = 1.0 / m->cj;
    dae_scatter(s, ycur); /* ode_matsol evaluates at the iterate */
    const double cfac = 1e-3 * c->cj;
    double* d = c->d;
    for (int i = 0; i < n; ++i) d[i] = G->gmem[i] + cfac * e->cm[i];
    if (X) {
        nrn_ext_begin();
        memcpy(X->d, G->gmem_ext, sizeof(double) * (size_t)X->nlayer * n);
        nrn_ext_lhs();
    }
    const int* parent = e->parent;
    for (int i = 0; i < n; ++i) {
        int p = parent[i];
        if (p >= 0) {
            d[i] -= e->b[i];
            d[p] -= e->a[i];
        }
    }
    scatter_node_rhs(b);
    if (X) {
        nrn_ext_solve_update();
    } else {
        nrn_cvode_hines(0, n);
    }
    gather_node_rhs(b);
    /* states: (cj - J) x = b is dt (1 - dt J)^-1 b, the CVODE form times dt */
    nrn_cvode_move_dstates(s, b, 0);
    for (int k = 0; k < e->nmech; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->desc->ode_matsol && s->views[k].n) me->desc->ode_matsol(c, &s->views[k]);
    }
    if (e->nldifus) nrn_ldifus_views(s->views, 0, 2);
    nrn_cvode_move_dstates(s, b, 1);
    int nb0 = s->neq - s->nblk;
    if (s->nblk && nrn_cvode_blocks_solve(nb0, c->dt, b, ycur)) return 1;
    for (int i = G->neq_v; i < s->neq; ++i) b[i] *= c->dt;
    return e->errored ? -1 : 0;
}

/* ------------------------------------------------------------- initialization */

/* one fixed-step solve with dt = dteps (backward Euler); v and vext updated when upd */
static void init_step(double tt, double dteps, int upd) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    c->t = tt;
    c->dt = dteps;
    c->cj = 1.0 / dteps;
    c->secondorder = 0;
    nrn_table_check();
    nrn_setup_tree_matrix();
    if (X) {
        nrn_solve();
    } else {
        nrn_cvode_hines(0, e->nnode);
    }
    if (upd) nrn_update_voltage();
}

static int check_residual(nrn_cvi* ci) {
    nrn_cvode* g = G;
    idb_mem* m = &ci->ida;
    if (idb_ewt_set(m, ci->y)) {
        nrn_error("Bad Ida error weight vector", NULL);
        return -1;
    }
    g->use_parasite = 0;
    if (nrn_dae_res(ci->t_, ci->y, ci->yp, g->parasite, ci)) return -1;
    double norm = cvb_wrms(ci->sys.neq, g->parasite, m->ewt);
    if (norm <= 1.0) return 0;
    char buf[160];
    ci->init_failures++;
    switch (g->init_style & 3) {
    case 0:
        snprintf(buf, sizeof(buf), "IDA initialization failure, weighted norm of residual=%g\n",
                 norm);
        nrnpy_printf(buf);
        return 1;
    case 2:
        snprintf(buf, sizeof(buf), "IDA initialization warning, weighted norm of residual=%g\n"
                 "  subtracting (for next 1e-6 ms): f(y', y, %g)*exp(-1e7*(t-%g))\n", norm,
                 ci->t_, ci->t_);
        nrnpy_printf(buf);
        g->use_parasite = 1;
        g->t_parasite = ci->t_;
        return 0;
    default:
        snprintf(buf, sizeof(buf), "IDA initialization warning, weighted norm of residual=%g\n",
                 norm);
        nrnpy_printf(buf);
        return 0;
    }
}

/* NEURON's Daspk::init at ci->t_; 0 ok, 1 residual check failed (reported), -1 error */
int nrn_dae_init(nrn_cvi* ci) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    nrn_cvsys* s = &ci->sys;
    nrn_cvode* g = G;
    nrn_cvi* prev = g->cur;
    g->cur = ci; /* at_time sees the initialization */
    const double dteps = g->dteps, dtsav = c->dt, cjsav = c->cj;
    const int sosav = c->secondorder;
    const int neq = s->neq;
    memset(ci->yp, 0, sizeof(double) * neq);
    nrn_play_continuous(ci->t_);
    init_step(ci->t_, dteps, 1);
    init_step(ci->t_, dteps, 1);
    nrn_dae_gather(s, ci->y);
    double tt = ci->t_ + dteps;
    nrn_play_continuous(tt);
    init_step(tt, dteps, 0); /* the solve holds the change of vi and vext over dteps */
    gather_node_rhs(ci->yp);
    for (int i = 0; i < g->neq_v; ++i) ci->yp[i] *= 1.0 / dteps;
    c->dt = dtsav;
    c->cj = cjsav;
    c->secondorder = sosav;
    nrn_table_check();
    c->t = ci->t_;
    for (int k = 0; k < e->nmech; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->desc->ode_spec && s->views[k].n) me->desc->ode_spec(c, &s->views[k]);
    }
    if (e->nldifus) nrn_ldifus_views(s->views, 0, 1);
    nrn_cvode_move_dstates(s, ci->yp, 1);
    int r = 0;
    if (s->nblk) r = nrn_cvode_blocks_fun(neq - s->nblk, ci->t_, ci->y, ci->yp);
    g->cur = prev;
    if (r || e->errored) return -1;
    idb_mem* m = &ci->ida;
    idb_reinit(m, ci->t_, ci->y, ci->yp);
    m->rtol = g->rtol;
    m->maxord = g->maxorder < IDB_MAXORD ? g->maxorder : IDB_MAXORD;
    m->hmax_inv = g->maxstep > 0.0 ? 1.0 / g->maxstep : 0.0;
    m->hin = 0.0;
    g->cur = ci;
    r = check_residual(ci);
    g->cur = prev;
    return r;
}
