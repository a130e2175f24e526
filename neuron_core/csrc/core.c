/* core.c -- the engine singleton, the fixed-step method and initialization pieces.
 *
 * The order of operations follows NEURON's fadvance (see docs/DESIGN.md):
 *   thresholds + events <= t+dt/2 ; t += dt/2 ; play ; matrix ; solve ; v += dv ;
 *   t += dt/2 ; play ; states ; record ; events <= t
 * Units: v mV, t/dt ms, d S/cm2 (uS at zero-area nodes), rhs mA/cm2 (nA at zero-area nodes). */
#include <stdarg.h>
#include <stdio.h>

#include "engine_int.h"
#include "nonvint_api.h"
#ifdef _OPENMP
#include <omp.h>
#endif

nrn_engine nrn_eng;

static int api_at_time(nrn_ctx* ctx, double te);
static void api_electrode_current(nrn_ctx* ctx, int nd, double i_rhs, double g);
static int api_printf(const char* fmt, ...);

nrn_engine* nrn_engine_get(void) {
    static int inited = 0;
    if (!inited) {
        inited = 1;
        memset(&nrn_eng, 0, sizeof(nrn_eng));
        nrn_eng.ctx.dt = 0.025;
        nrn_eng.ctx.celsius = 6.3;
        nrn_eng.ctx.cj = 1. / 0.025;
        nrn_eng.ctx.api = &nrn_eng.api;
        nrn_eng.ctx.engine = &nrn_eng;
        nrn_eng.spike_teps = 1e-10;
        nrn_api* a = &nrn_eng.api;
        a->abi_version = NRN_MECH_ABI_VERSION;
        a->net_send = nrn_events_net_send;
        a->net_event = nrn_events_net_event;
        a->net_move = nrn_events_net_move;
        a->watch_clear = nrn_events_watch_clear;
        a->watch_activate = nrn_events_watch_activate;
        a->for_netcons = nrn_events_for_netcons;
        a->fake_fire = nrn_events_fake_fire;
        a->electrode_current = api_electrode_current;
        a->at_time = api_at_time;
        a->error = nrn_error;
        a->printf_ = api_printf;
        nrn_callargs_install(a);
        nrn_random_install(a);
    }
    return &nrn_eng;
}

void nrn_error(const char* msg, const char* detail) {
    if (nrn_eng.errored) {
        return; /* keep the first message */
    }
    nrn_eng.errored = 1;
    snprintf(nrn_eng.errmsg, sizeof(nrn_eng.errmsg), "%s%s%s", msg ? msg : "error",
             detail ? " " : "", detail ? detail : "");
}

void nrn_engine_reset_error(void) {
    nrn_eng.errored = 0;
    nrn_eng.errmsg[0] = '\0';
}

int nrn_check_error(void) { return nrn_eng.errored; }

static int api_printf(const char* fmt, ...) {
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    nrnpy_printf(buf);
    return n;
}

/* NEURON's at_time: true on the fixed step whose interval (t-dt, t] holds te - 1e-11. */
static int api_at_time(nrn_ctx* ctx, double te) {
    double x = te - 1e-11;
    return (x <= ctx->t && x > ctx->t - ctx->dt) ? 1 : 0;
}

/* ELECTRODE_CURRENT: +i into rhs, -g into d; with extracellular it enters layer 0. */
static void api_electrode_current(nrn_ctx* ctx, int nd, double i_rhs, double g) {
    nrn_engine* e = &nrn_eng;
    if (e->sav_rhs) {
        e->sav_rhs[nd] += i_rhs;
        e->sav_d[nd] -= g;
    }
    if (e->ext && e->ext->row[nd] != -2) {
        nrn_ext_electrode(nd, i_rhs, g);
    }
    ctx->rhs[nd] += i_rhs;
    ctx->d[nd] -= g;
}

/* BEFORE/AFTER blocks: 0 BEFORE BREAKPOINT, 1 AFTER SOLVE, 2 BEFORE STEP, 3 BEFORE INITIAL,
 * 4 AFTER INITIAL */
void nrn_call_ba(int which) {
    nrn_engine* e = &nrn_eng;
    for (int k = 0; k < e->nmech && !e->errored; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        const nrn_mech_desc* d = me->desc;
        nrn_mech_fn f = NULL;
        switch (which) {
        case 0: f = d->before_breakpoint; break;
        case 1: f = d->after_solve; break;
        case 2: f = d->before_step; break;
        case 3: f = d->before_initial; break;
        case 4: f = d->after_initial; break;
        }
        if (f && me->m.n) {
            f(&e->ctx, &me->m);
        }
    }
}

void nrn_table_check(void) {
    nrn_engine* e = &nrn_eng;
    for (int k = 0; k < e->nmech; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->desc->table_check) {
            me->desc->table_check(&e->ctx, &me->m);
        }
    }
}

/* The part of the diagonal that does not change from step to step (capacitance, axial). */
static void refresh_d0(void) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    const double cfac = 1e-3 * e->ctx.cj;
    for (int i = 0; i < n; ++i) {
        e->d0[i] = cfac * e->cm[i];
    }
    for (int i = 0; i < n; ++i) {
        int p = e->parent[i];
        if (p >= 0) {
            e->d0[i] -= e->b[i];
            e->d0[p] -= e->a[i];
        }
    }
    e->d0_cj = e->ctx.cj;
}

/* The mechanism instances thread tid works on; tid -1 (the single-threaded parts of the
 * step, whatever the number of threads) or one thread: all of them. */
static nrn_mech* mech_view(int tid, int k) {
    nrn_engine* e = &nrn_eng;
    return tid >= 0 && e->nthread > 1 ? &e->thr_mechs[tid * e->nmech + k] : &e->mechs[k].m;
}

static void currents_thread(nrn_ctx* c, int tid) {
    nrn_engine* e = &nrn_eng;
    for (int k = 0; k < e->nmech && !e->errored; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        nrn_mech* m = mech_view(tid, k);
        if (me->desc->current && m->n) {
            me->desc->current(c, m);
        }
    }
}

void nrn_mechanism_currents(nrn_ctx* c) {
    nrn_call_ba(0);
    currents_thread(c, -1);
}

static void axial_rhs_range(int i0, int i1) {
    nrn_engine* e = &nrn_eng;
    double* restrict rhs = e->ctx.rhs;
    const double* restrict v = e->ctx.v;
    const int* restrict parent = e->parent;
    const double* restrict a = e->a;
    const double* restrict b = e->b;
    for (int i = i0; i < i1; ++i) {
        int p = parent[i];
        if (p < 0) {
            continue;
        }
        double dv = v[p] - v[i];
        rhs[i] -= b[i] * dv;
        rhs[p] += a[i] * dv;
    }
}

void nrn_axial_rhs(void) { axial_rhs_range(0, nrn_eng.nnode); }

/* The common matrix setup (no extracellular, no fast i_membrane_) on nodes [i0, i1). */
static void matrix_range(nrn_ctx* c, int tid, int i0, int i1) {
    nrn_engine* e = &nrn_eng;
    memset(c->rhs + i0, 0, sizeof(double) * (i1 - i0));
    memcpy(c->d + i0, e->d0 + i0, sizeof(double) * (i1 - i0));
    currents_thread(c, tid);
    axial_rhs_range(i0, i1);
}

static int fast_path(void) {
    nrn_engine* e = &nrn_eng;
    return !e->ext && !e->sav_rhs && e->d0;
}

/* Current balance: rhs = -membrane currents + electrode currents + axial currents,
 * d = membrane conductances + cm*cj + axial coupling. */
void nrn_setup_tree_matrix(void) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    const int n = e->nnode;
    double* restrict rhs = c->rhs;
    double* restrict d = c->d;
    if (fast_path()) {
        if (e->d0_cj != c->cj) {
            refresh_d0();
        }
        nrn_call_ba(0);
        matrix_range(c, -1, 0, n);
        nrn_nonvint_call(NRN_NV_CURRENT);
        nrn_nonvint_call(NRN_NV_COND);
        return;
    }
    memset(rhs, 0, sizeof(double) * n);
    memset(d, 0, sizeof(double) * n);
    if (e->sav_rhs) {
        memset(e->sav_rhs, 0, sizeof(double) * n);
        memset(e->sav_d, 0, sizeof(double) * n);
    }
    if (e->ext) {
        nrn_ext_begin();
    }
    nrn_mechanism_currents(c);
    if (e->sav_rhs) {
        for (int i = 0; i < n; ++i) {
            e->sav_rhs[i] -= rhs[i];
        }
    }
    if (e->ext) {
        nrn_ext_rhs();
    }
    nrn_axial_rhs();
    /* capacitance: cm (uF/cm2) * cj (1/ms) * 1e-3 -> S/cm2; zero at zero-area nodes */
    const double cfac = 1e-3 * c->cj;
    const double* restrict cm = e->cm;
    for (int i = 0; i < n; ++i) {
        d[i] += cfac * cm[i];
    }
    if (e->ext) {
        nrn_ext_lhs();
    }
    if (e->sav_d) {
        /* sav_d held the electrode contributions: keep the membrane part only */
        for (int i = 0; i < n; ++i) {
            e->sav_d[i] = d[i] - e->sav_d[i];
        }
    }
    const int* restrict parent = e->parent;
    const double* restrict a = e->a;
    const double* restrict b = e->b;
    for (int i = 0; i < n; ++i) {
        int p = parent[i];
        if (p >= 0) {
            d[i] -= b[i];
            d[p] -= a[i];
        }
    }
    nrn_nonvint_call(NRN_NV_CURRENT);
    nrn_nonvint_call(NRN_NV_COND);
}

/* Hines elimination on nodes [i0, i1) (whole cells, parent before child); rhs becomes dv. */
static void solve_range(int i0, int i1) {
    nrn_engine* e = &nrn_eng;
    double* restrict rhs = e->ctx.rhs;
    double* restrict d = e->ctx.d;
    const double* restrict a = e->a;
    const double* restrict b = e->b;
    const int* restrict parent = e->parent;
    for (int i = i1 - 1; i >= i0; --i) {
        int p = parent[i];
        if (p < 0) {
            continue;
        }
        double f = a[i] / d[i];
        d[p] -= f * b[i];
        rhs[p] -= f * rhs[i];
    }
    for (int i = i0; i < i1; ++i) {
        int p = parent[i];
        if (p >= 0) {
            rhs[i] -= b[i] * rhs[p];
        }
        rhs[i] /= d[i];
    }
}

/* The same elimination organized by chains: sections at the same height in the tree do not
 * depend on each other, so several are eliminated in lockstep and their division latencies
 * overlap.  Triangularization goes leaves first, back substitution roots first. */
#define NCHAIN_GROUP 8

static void triang_level(const int* start, const int* len, int nch) {
    nrn_engine* e = &nrn_eng;
    double* restrict rhs = e->ctx.rhs;
    double* restrict d = e->ctx.d;
    const double* restrict a = e->a;
    const double* restrict b = e->b;
    const int* restrict parent = e->parent;
    for (int g = 0; g < nch; g += NCHAIN_GROUP) {
        int m = nch - g < NCHAIN_GROUP ? nch - g : NCHAIN_GROUP;
        int maxlen = 0;
        for (int j = 0; j < m; ++j) {
            maxlen = len[g + j] > maxlen ? len[g + j] : maxlen;
        }
        for (int k = 0; k < maxlen; ++k) {
            for (int j = 0; j < m; ++j) {
                int l = len[g + j];
                if (k < l) {
                    int i = start[g + j] + l - 1 - k;
                    int p = parent[i];
                    double f = a[i] / d[i];
                    d[p] -= f * b[i];
                    rhs[p] -= f * rhs[i];
                }
            }
        }
    }
}

static void bksub_level(const int* start, const int* len, int nch) {
    nrn_engine* e = &nrn_eng;
    double* restrict rhs = e->ctx.rhs;
    const double* restrict d = e->ctx.d;
    const double* restrict b = e->b;
    const int* restrict parent = e->parent;
    for (int g = 0; g < nch; g += NCHAIN_GROUP) {
        int m = nch - g < NCHAIN_GROUP ? nch - g : NCHAIN_GROUP;
        int maxlen = 0;
        for (int j = 0; j < m; ++j) {
            maxlen = len[g + j] > maxlen ? len[g + j] : maxlen;
        }
        for (int k = 0; k < maxlen; ++k) {
            for (int j = 0; j < m; ++j) {
                if (k < len[g + j]) {
                    int i = start[g + j] + k;
                    rhs[i] = (rhs[i] - b[i] * rhs[parent[i]]) / d[i];
                }
            }
        }
    }
}

/* Eight chains side by side: the same operations as triang_level/bksub_level on each, in
 * two vectors of four lanes, so the divisions (the bound of the elimination) go four at a
 * time and two vectors hide each other's latency.  The arithmetic is per lane, IEEE-exact,
 * without fused multiply-add, so every value is bit for bit the scalar path's.  The chains
 * of a group have parents no other chain of their level updates, so their order is free. */
#define QL 8
typedef double v4d __attribute__((vector_size(32)));

#define GATHER4(arr, s, off) ((v4d){(arr)[(s)[0] + (off)], (arr)[(s)[1] + (off)], \
                                    (arr)[(s)[2] + (off)], (arr)[(s)[3] + (off)]})
#define SCATTER4(arr, s, off, x) do { (arr)[(s)[0] + (off)] = (x)[0]; (arr)[(s)[1] + (off)] = (x)[1]; \
                                      (arr)[(s)[2] + (off)] = (x)[2]; (arr)[(s)[3] + (off)] = (x)[3]; } while (0)

__attribute__((target_clones("avx2", "default")))
static void triang_quads(const int* qstart, const int* qlen, int nq) {
    nrn_engine* e = &nrn_eng;
    double* restrict rhs = e->ctx.rhs;
    double* restrict d = e->ctx.d;
    const double* restrict a = e->a;
    const double* restrict b = e->b;
    const int* restrict parent = e->parent;
    for (int q = 0; q < nq; ++q) {
        const int* s0 = qstart + QL * q;
        const int* s1 = s0 + 4;
        const int L = qlen[q];
        v4d dk0 = GATHER4(d, s0, L - 1), dk1 = GATHER4(d, s1, L - 1);
        v4d rk0 = GATHER4(rhs, s0, L - 1), rk1 = GATHER4(rhs, s1, L - 1);
        for (int k = L - 1; k > 0; --k) {
            v4d f0 = GATHER4(a, s0, k) / dk0;
            v4d f1 = GATHER4(a, s1, k) / dk1;
            v4d p0 = f0 * GATHER4(b, s0, k);
            v4d p1 = f1 * GATHER4(b, s1, k);
            v4d r0 = f0 * rk0;
            v4d r1 = f1 * rk1;
            dk0 = GATHER4(d, s0, k - 1) - p0;
            dk1 = GATHER4(d, s1, k - 1) - p1;
            rk0 = GATHER4(rhs, s0, k - 1) - r0;
            rk1 = GATHER4(rhs, s1, k - 1) - r1;
            SCATTER4(d, s0, k - 1, dk0);
            SCATTER4(d, s1, k - 1, dk1);
            SCATTER4(rhs, s0, k - 1, rk0);
            SCATTER4(rhs, s1, k - 1, rk1);
        }
        for (int j = 0; j < QL; ++j) {
            int i = s0[j];
            int p = parent[i];
            double dh = j < 4 ? dk0[j] : dk1[j - 4];
            double rh = j < 4 ? rk0[j] : rk1[j - 4];
            double fh = a[i] / dh;
            d[p] -= fh * b[i];
            rhs[p] -= fh * rh;
        }
    }
}

__attribute__((target_clones("avx2", "default")))
static void bksub_quads(const int* qstart, const int* qlen, int nq) {
    nrn_engine* e = &nrn_eng;
    double* restrict rhs = e->ctx.rhs;
    const double* restrict d = e->ctx.d;
    const double* restrict b = e->b;
    const int* restrict parent = e->parent;
    for (int q = 0; q < nq; ++q) {
        const int* s0 = qstart + QL * q;
        const int* s1 = s0 + 4;
        const int L = qlen[q];
        v4d r0 = {rhs[parent[s0[0]]], rhs[parent[s0[1]]], rhs[parent[s0[2]]], rhs[parent[s0[3]]]};
        v4d r1 = {rhs[parent[s1[0]]], rhs[parent[s1[1]]], rhs[parent[s1[2]]], rhs[parent[s1[3]]]};
        for (int k = 0; k < L; ++k) {
            r0 = (GATHER4(rhs, s0, k) - GATHER4(b, s0, k) * r0) / GATHER4(d, s0, k);
            r1 = (GATHER4(rhs, s1, k) - GATHER4(b, s1, k) * r1) / GATHER4(d, s1, k);
            SCATTER4(rhs, s0, k, r0);
            SCATTER4(rhs, s1, k, r1);
        }
    }
}

static void solve_chains(int tid) {
    nrn_engine* e = &nrn_eng;
    const int l0 = e->lev_lo[tid], l1 = e->lev_lo[tid + 1];
    for (int l = l0; l < l1; ++l) {
        int c0 = e->lev_off[l], c1 = e->lev_off[l + 1];
        triang_level(e->chain_start + c0, e->chain_len + c0, c1 - c0);
        if (e->quad_start) {
            int q0 = e->qlev_off[l], q1 = e->qlev_off[l + 1];
            triang_quads(e->quad_start + QL * q0, e->quad_len + q0, q1 - q0);
        }
    }
    for (int r = e->root_lo[tid]; r < e->root_lo[tid + 1]; ++r) {
        e->ctx.rhs[e->roots[r]] /= e->ctx.d[e->roots[r]];
    }
    for (int l = l1 - 1; l >= l0; --l) {
        int c0 = e->lev_off[l], c1 = e->lev_off[l + 1];
        bksub_level(e->chain_start + c0, e->chain_len + c0, c1 - c0);
        if (e->quad_start) {
            int q0 = e->qlev_off[l], q1 = e->qlev_off[l + 1];
            bksub_quads(e->quad_start + QL * q0, e->quad_len + q0, q1 - q0);
        }
    }
}

void nrn_solve(void) {
    nrn_engine* e = &nrn_eng;
    if (e->ext) {
        nrn_ext_solve_update();
        return;
    }
    if (e->chain_start) {
        /* the schedule is per thread: every thread's cells */
        const int nth = e->nthread > 1 ? e->nthread : 1;
        for (int t = 0; t < nth; ++t) {
            solve_chains(t);
        }
        return;
    }
    solve_range(0, e->nnode);
}

static void update_range(int i0, int i1) {
    nrn_engine* e = &nrn_eng;
    double* restrict v = e->ctx.v;
    const double* restrict rhs = e->ctx.rhs;
    const double fac = e->ctx.secondorder ? 2.0 : 1.0;
    for (int i = i0; i < i1; ++i) {
        v[i] += fac * rhs[i];
    }
}

static void after_update_range(int i0, int i1) {
    nrn_engine* e = &nrn_eng;
    const double* restrict rhs = e->ctx.rhs;
    const double cfac = 1e-3 * e->ctx.cj;
    if (e->i_cap) {
        for (int i = i0; i < i1; ++i) {
            e->i_cap[i] = cfac * e->cm[i] * rhs[i];
        }
    }
    if (e->sav_rhs) {
        const double* area = e->ctx.area;
        for (int i = i0; i < i1; ++i) {
            e->sav_rhs[i] = (e->sav_d[i] * rhs[i] + e->sav_rhs[i]) * area[i] * 0.01;
        }
    }
}

void nrn_update_voltage(void) {
    nrn_engine* e = &nrn_eng;
    update_range(0, e->nnode);
    if (e->ext) {
        nrn_ext_update();
    }
    after_update_range(0, e->nnode);
}

static void states_thread(int tid) {
    nrn_engine* e = &nrn_eng;
    for (int k = 0; k < e->nmech && !e->errored; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        nrn_mech* m = mech_view(tid, k);
        if (me->desc->state && m->n) {
            me->desc->state(&e->ctx, m);
        }
    }
}

/* The mechanisms' SOLVE blocks, then LONGITUDINAL_DIFFUSION (NEURON's nonvint before the
 * non-voltage blocks: long_difus_solve(0)). */
void nrn_mechanism_states(void) {
    states_thread(-1);
    if (nrn_eng.nldifus) {
        nrn_ldifus_step(-1);
    }
}

/* One thread's share of a step: its cells' matrix, solve, voltage update and states.  Cells
 * are independent, so no synchronization is needed inside. */
static void step_thread(int tid) {
    nrn_engine* e = &nrn_eng;
    int i0 = e->thr_node[tid], i1 = e->thr_node[tid + 1];
    matrix_range(&e->ctx, tid, i0, i1);
    if (e->chain_start) {
        solve_chains(tid);
    } else {
        solve_range(i0, i1);
    }
    if (e->ctx.secondorder == 2) {
        for (int k = 0; k < e->nmech; ++k) {
            if (e->mechs[k].kind == NRN_KIND_ION) {
                nrn_ion_second_order(mech_view(tid, k), e->ctx.rhs);
            }
        }
    }
    update_range(i0, i1);
    after_update_range(i0, i1);
}

static void states_threads(void) {
    nrn_engine* e = &nrn_eng;
#pragma omp parallel num_threads(e->nthread)
    {
#ifdef _OPENMP
        int tid = omp_get_thread_num();
#else
        int tid = 0;
#endif
        states_thread(tid);
        if (e->nldifus) {
            nrn_ldifus_step(tid);
        }
    }
}

/* Whether the threaded step applies: more than one thread and nothing that needs the
 * whole model at once inside the step. */
static int threaded(void) {
    nrn_engine* e = &nrn_eng;
    return e->nthread > 1 && fast_path() && !e->has_ba && !nrn_nonvint_count();
}

int nrn_fixed_step(void) {
    nrn_engine* e = &nrn_eng;
    nrn_ctx* c = &e->ctx;
    c->cj = c->secondorder ? 2.0 / c->dt : 1.0 / c->dt;
    nrn_table_check();
    nrn_check_thresholds();
    nrn_deliver_until(c->t + 0.5 * c->dt);
    if (e->errored) {
        return -1;
    }
    nrn_random_play();
    c->t += 0.5 * c->dt;
    nrn_play_continuous(c->t);
    if (threaded()) {
        if (e->d0_cj != c->cj) {
            refresh_d0();
        }
#pragma omp parallel num_threads(e->nthread)
        {
#ifdef _OPENMP
            int tid = omp_get_thread_num();
#else
            int tid = 0;
#endif
            step_thread(tid);
        }
        nrn_nonvint_call(NRN_NV_CURRENT);
        nrn_nonvint_call(NRN_NV_COND);
        c->t += 0.5 * c->dt;
        nrn_play_continuous(c->t);
        states_threads();
    } else {
        nrn_setup_tree_matrix();
        if (e->errored) {
            return -1;
        }
        nrn_solve();
        nrn_second_order_cur();
        nrn_update_voltage();
        c->t += 0.5 * c->dt;
        nrn_play_continuous(c->t);
        nrn_nonvint_call(NRN_NV_TRANSFER);
        nrn_mechanism_states();
    }
    nrn_nonvint_call(NRN_NV_SOLVE);
    nrn_call_ba(1);
    nrn_call_ba(2);
    if (e->errored) {
        return -1;
    }
    nrn_record_continuous();
    nrn_deliver_until(c->t);
    return e->errored ? -1 : 0;
}

/* stdrun's continuerun for the fixed step: step while t < tstop - dt/2. */
int nrn_run_until(double tstop) {
    nrn_engine* e = &nrn_eng;
    e->stoprun = 0;
    while (e->ctx.t < tstop - 0.5 * e->ctx.dt && !e->stoprun) {
        if (nrn_fixed_step()) {
            return -1;
        }
    }
    return 0;
}

int nrn_init_mechanisms(void) {
    nrn_engine* e = &nrn_eng;
    if (e->ext) {
        nrn_ext_init();
    }
    nrn_nonvint_call(NRN_NV_INIT);
    nrn_call_ba(3);
    for (int k = 0; k < e->nmech && !e->errored; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (me->desc->initialize && me->m.n) {
            me->desc->initialize(&e->ctx, &me->m);
        }
    }
    return e->errored ? -1 : 0;
}

/* PreSyn flags and recorded spikes cleared; NET_RECEIVE INITIAL blocks (or the extra weight
 * entries zeroed); AFTER INITIAL blocks. */
int nrn_init_events(void) {
    nrn_engine* e = &nrn_eng;
    for (int k = 0; k < e->npresyn; ++k) {
        nrn_presyn* ps = &e->presyns[k];
        if (!ps->in_use) {
            continue;
        }
        ps->flag = 0;
        if (ps->rec_t) {
            ps->rec_t->size = 0;
        }
        if (ps->rec_id) {
            ps->rec_id->size = 0;
        }
    }
    for (int k = 0; k < e->nnetcon; ++k) {
        nrn_netcon* nc = &e->netcons[k];
        if (!nc->in_use || nc->target < 0) {
            continue;
        }
        nrn_pnt* pt = &e->pnts[nc->target];
        if (nc->target >= e->npnt || pt->mech < 0) {
            continue; /* the target lost its section or no longer exists */
        }
        nrn_mech_entry* me = &e->mechs[pt->mech];
        if (me->desc->net_init) {
            me->desc->net_init(&e->ctx, &me->m, pt->row, nc->w);
        } else {
            for (int j = 1; j < nc->wcnt; ++j) {
                nc->w[j] = 0.;
            }
        }
    }
    nrn_call_ba(4);
    return e->errored ? -1 : 0;
}

/* finitialize's last matrix setup: currents and assigned variables consistent at t. */
int nrn_fcurrent_init(void) {
    nrn_engine* e = &nrn_eng;
    nrn_setup_tree_matrix();
    if (e->sav_rhs) {
        const double* area = e->ctx.area;
        for (int i = 0; i < e->nnode; ++i) {
            e->sav_rhs[i] = (e->ctx.rhs[i] + e->sav_rhs[i]) * area[i] * 0.01;
        }
    }
    return e->errored ? -1 : 0;
}

void nrn_fcurrent(void) { nrn_setup_tree_matrix(); }
