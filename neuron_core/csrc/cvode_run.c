/* cvode_run.c -- NEURON's global variable-step loop: one integrator step or one event time
 * per "microstep".  An event due inside the last step makes the integrator interpolate back
 * to it; an event that can change states (NET_RECEIVE of a point process on a cell, WATCH,
 * discrete Vector.play, a breakpoint of a continuous play) re-initializes the integrator at
 * the event time.  Thresholds are checked at step boundaries (condition_order 1) or located
 * by linear interpolation within the step (condition_order 2).  at_time(te) stops the
 * integrator just before te and restarts it just after.  Records without an interval are
 * taken before each step (so the last one of a run comes from the stop event at tstop). */
#include <float.h>
#include <stdio.h>

#include "engine_int.h"
#include "cvode_api.h"



static nrn_cvode* G;
static int (*fixed_at_time)(nrn_ctx*, double);
static void (*orig_net_send)(nrn_ctx*, nrn_mech*, int, double*, double, double);
static void (*orig_net_event)(nrn_ctx*, nrn_mech*, int, double);
static int delivering;      /* inside deliver_events */
static double deliver_tt;   /* its time */

static double eps(double x) { return 100.0 * DBL_EPSILON * fabs(x); }
double nrn_cvode_eps(double x) { return eps(x); }

#define GI (&G->gi)

/* ------------------------------------------------------------------- recording */

/* per-step records: all of them for the global step, the cell's own for the local step */
void nrn_cvi_record(nrn_cvi* ci) {
    nrn_engine* e = &nrn_eng;
    e->ctx.t = ci->t_;
    if (ci->sys.global) {
        nrn_call_ba(2);
        nrn_record_continuous();
        return;
    }
    for (int k = 0; k < ci->sys.nrec; ++k) {
        nrn_record* r = &e->records[ci->sys.rec[k]];
        if (r->mode == 0) nrn_vec_append(r->y, *r->src);
    }
}

void nrn_cvi_set_init_flag(nrn_cvi* ci) {
    ci->initialize_ = 1;
    if (++ci->prior2init_ == 1) nrn_cvi_record(ci);
}

static void record_continuous(void) { nrn_cvi_record(GI); }
static void set_init_flag(void) { nrn_cvi_set_init_flag(GI); }

/* ------------------------------------------------------------- event bookkeeping */

static int pnt_on_cell(int pnt) {
    nrn_engine* e = &nrn_eng;
    if (pnt < 0 || pnt >= e->npnt || e->pnts[pnt].mech < 0) return 0;
    return e->mechs[e->pnts[pnt].mech].kind == NRN_KIND_POINT;
}

/* the integrator a point process's events re-initialize (NULL: artificial cell) */
static nrn_cvi* pnt_cvi(int pnt) {
    nrn_engine* e = &nrn_eng;
    if (!pnt_on_cell(pnt)) return NULL;
    if (!G->local) return GI;
    int node = e->mechs[e->pnts[pnt].mech].m.node[e->pnts[pnt].row];
    for (int c = 0; c < G->nlcv; ++c)
        if (node >= G->lcv[c].sys.node0 && node < G->lcv[c].sys.node1) return &G->lcv[c];
    return NULL;
}

static nrn_cvi* owner_cvi(int* owner, int n, int k) {
    if (!G->local) return GI;
    if (!owner || k >= n || owner[k] < 0 || owner[k] >= G->nlcv) return NULL;
    return &G->lcv[owner[k]];
}

/* the integrator an event concerns and whether it can change states (re-initialization) */
nrn_cvi* nrn_cvode_event_cvi(const nrn_event* ev, int* reinit) {
    nrn_engine* e = &nrn_eng;
    *reinit = 0;
    switch (ev->type) {
    case NRN_EV_NETCON: {
        nrn_netcon* nc = &e->netcons[ev->target];
        if (!nc->in_use) return NULL;
        nrn_cvi* ci = pnt_cvi(nc->target);
        *reinit = ci != NULL;
        return ci;
    }
    case NRN_EV_SELF:
    case NRN_EV_WATCH: {
        nrn_cvi* ci = pnt_cvi(ev->target);
        *reinit = ci != NULL;
        return ci;
    }
    case NRN_EV_PLAY:
        *reinit = 1;
        return owner_cvi(G->play_owner, G->nplay_owner, ev->target);
    case NRN_EV_RECORD:
        return owner_cvi(G->rec_owner, G->nrec_owner, ev->target);
    default:
        return NULL;
    }
}

/* look at every queued event due by tt (the heap's due events form a subtree at the top):
 * the integrators they concern go to tt, those whose states can change are re-initialized */
static void scan_due(int pos, double tt, int* stop) {
    nrn_engine* e = &nrn_eng;
    if (pos >= e->nev || e->heap[pos].t > tt) return;
    const nrn_event* ev = &e->heap[pos];
    int reinit;
    nrn_cvi* ci = nrn_cvode_event_cvi(ev, &reinit);
    if (ci && G->local) nrn_cvi_interpolate(ci, tt);
    if (ci && reinit) nrn_cvi_set_init_flag(ci);
    if (ev->type == NRN_EV_PYTHON && ev->target < 0) *stop = 1;
    scan_due(2 * pos + 1, tt, stop);
    scan_due(2 * pos + 2, tt, stop);
}

static void touch_pnt(int pnt) {
    nrn_cvi* ci = pnt_cvi(pnt);
    if (!ci) return;
    if (G->local) {
        nrn_cvi_interpolate(ci, deliver_tt);
        nrn_eng.ctx.t = deliver_tt;
    }
    nrn_cvi_set_init_flag(ci);
}

/* events created while delivering (zero-delay self events, net_event of artificial cells)
 * that reach a cell at the delivery time also re-initialize it */
static void cv_net_send(nrn_ctx* ctx, nrn_mech* m, int i, double* w, double delay, double flag) {
    double t = ctx->t;
    orig_net_send(ctx, m, i, w, delay, flag);
    if (delivering && t + delay <= deliver_tt && m->pnt) {
        touch_pnt(m->pnt[i]);
        ctx->t = t;
    }
}

static void cv_net_event(nrn_ctx* ctx, nrn_mech* m, int i, double t) {
    nrn_engine* e = &nrn_eng;
    double tsav = ctx->t;
    orig_net_event(ctx, m, i, t);
    if (!delivering || !m->pnt) return;
    int ps = e->pnts[m->pnt[i]].presyn;
    if (ps < 0) return;
    nrn_presyn* p = &e->presyns[ps];
    for (int k = 0; k < p->nnc; ++k) {
        nrn_netcon* nc = &e->netcons[p->nc[k]];
        if (nc->active && t + nc->delay <= deliver_tt) touch_pnt(nc->target);
    }
    ctx->t = tsav;
}

/* ------------------------------------------------ condition_order 2 thresholds */

static double* cond_valthresh;

static void cond_reserve(void) {
    nrn_engine* e = &nrn_eng;
    int need = e->npresyn;
    if (need <= G->capcond) return;
    int cap = need + 16;
    G->cond_valold = realloc(G->cond_valold, sizeof(double) * cap);
    G->cond_told = realloc(G->cond_told, sizeof(double) * cap);
    G->cond_tq = realloc(G->cond_tq, sizeof(double) * cap);
    G->cond_flag = realloc(G->cond_flag, sizeof(int) * cap);
    G->cond_valid = realloc(G->cond_valid, sizeof(int) * cap);
    cond_valthresh = realloc(cond_valthresh, sizeof(double) * cap);
    for (int i = G->capcond; i < cap; ++i) {
        G->cond_tq[i] = -1e300;
        G->cond_flag[i] = 0;
        G->cond_valid[i] = 0;
        G->cond_valold[i] = 0.0;
        G->cond_told[i] = 0.0;
        cond_valthresh[i] = 0.0;
    }
    G->capcond = cap;
}

/* NEURON's ConditionEvent::condition for source k after integrator ci moved */
static void condition(int k, nrn_cvi* ci) {
    nrn_presyn* ps = &nrn_eng.presyns[k];
    if (G->cond_tq[k] > -1e299) { /* pending crossing abandoned: the cell went back */
        G->cond_tq[k] = -1e300;
        cond_valthresh[k] = 0.0;
        G->cond_flag[k] = 0;
    }
    double val = *ps->thvar - ps->threshold;
    if (!G->cond_flag[k] && val >= 0.0) {
        G->cond_flag[k] = 1;
        cond_valthresh[k] = 0.0;
        if (ci->t0_ == ci->tn_ || !G->cond_valid[k]) {
            nrn_presyn_fire(k, ci->t_);
        } else {
            cond_valthresh[k] = G->cond_valold[k];
            double th = -G->cond_valold[k] / (val - G->cond_valold[k]);
            th = th * ci->t_ + (1.0 - th) * G->cond_told[k];
            G->cond_tq[k] = th;
        }
    } else if (G->cond_flag[k] && G->cond_valold[k] < cond_valthresh[k] &&
               val < cond_valthresh[k]) {
        G->cond_flag[k] = 0;
    }
    G->cond_valold[k] = val;
    G->cond_told[k] = ci->t_;
    G->cond_valid[k] = 1;
}

/* WATCH conditions: the same logic on the watch's condition value (> 0 when true); a crossing
 * inside the step becomes a WATCH event at the interpolated time */
static void wcond_reserve(void) {
    nrn_engine* e = &nrn_eng;
    if (e->nwatch <= G->capwcond) return;
    int cap = e->nwatch + 16;
    G->wcond_valold = realloc(G->wcond_valold, sizeof(double) * cap);
    G->wcond_told = realloc(G->wcond_told, sizeof(double) * cap);
    G->wcond_valthresh = realloc(G->wcond_valthresh, sizeof(double) * cap);
    G->wcond_tq = realloc(G->wcond_tq, sizeof(double) * cap);
    G->wcond_valid = realloc(G->wcond_valid, sizeof(int) * cap);
    for (int i = G->capwcond; i < cap; ++i) {
        G->wcond_valold[i] = G->wcond_told[i] = G->wcond_valthresh[i] = 0.0;
        G->wcond_tq[i] = -1e300;
        G->wcond_valid[i] = 0;
    }
    G->capwcond = cap;
}

static void watch_condition(int k, nrn_cvi* ci) {
    nrn_engine* e = &nrn_eng;
    nrn_watch* w = &e->watches[k];
    nrn_pnt* pt = &e->pnts[w->pnt];
    if (G->wcond_tq[k] > -1e299) { /* pending crossing abandoned: the cell went back */
        G->wcond_tq[k] = -1e300;
        G->wcond_valthresh[k] = 0.0;
        w->state = 0;
    }
    nrn_mech_entry* me = &e->mechs[pt->mech];
    double val = me->desc->watch_cond(&e->ctx, &me->m, pt->row, w->k);
    if (!w->state && val >= 0.0) {
        w->state = 1;
        G->wcond_valthresh[k] = 0.0;
        if (ci->t0_ == ci->tn_ || !G->wcond_valid[k]) {
            nrn_event_push(ci->t_, NRN_EV_WATCH, w->pnt, -1, w->flag);
        } else {
            double vo = G->wcond_valold[k];
            G->wcond_valthresh[k] = vo;
            double th = -vo / (val - vo);
            G->wcond_tq[k] = th * ci->t_ + (1.0 - th) * G->wcond_told[k];
        }
    } else if (w->state && G->wcond_valold[k] < G->wcond_valthresh[k] &&
               val < G->wcond_valthresh[k]) {
        w->state = 0;
    }
    G->wcond_valold[k] = val;
    G->wcond_told[k] = ci->t_;
    G->wcond_valid[k] = 1;
}

static void evaluate_watches(nrn_cvi* ci) {
    nrn_engine* e = &nrn_eng;
    wcond_reserve();
    for (int k = 0; k < e->nwatch; ++k) {
        nrn_watch* w = &e->watches[k];
        if (!w->active || w->pnt < 0 || w->pnt >= e->npnt) continue;
        nrn_pnt* pt = &e->pnts[w->pnt];
        if (pt->mech < 0) {
            w->active = 0;
            continue;
        }
        if (!e->mechs[pt->mech].desc->watch_cond) continue;
        if (!ci->sys.global && pnt_cvi(w->pnt) != ci) continue;
        watch_condition(k, ci);
    }
}

void nrn_cvode_evaluate_conditions(nrn_cvi* ci) {
    nrn_engine* e = &nrn_eng;
    cond_reserve();
    G->ncond = e->npresyn;
    if (ci->sys.global) {
        for (int k = 0; k < e->npresyn; ++k)
            if (e->presyns[k].in_use && e->presyns[k].thvar) condition(k, ci);
    } else {
        for (int j = 0; j < ci->sys.nps; ++j) condition(ci->sys.ps[j], ci);
    }
    evaluate_watches(ci);
}

/* condition_order 1: a source above threshold at the step boundary fires now */
void nrn_cvode_check_thresholds(nrn_cvi* ci) {
    nrn_engine* e = &nrn_eng;
    e->ctx.t = ci->t_;
    if (ci->sys.global) {
        double teps = e->spike_teps;
        e->spike_teps = 0.0;
        nrn_check_thresholds();
        e->spike_teps = teps;
        return;
    }
    for (int j = 0; j < ci->sys.nps; ++j) {
        int k = ci->sys.ps[j];
        nrn_presyn* ps = &e->presyns[k];
        if (*ps->thvar - ps->threshold > 0.0) {
            if (!ps->flag) {
                ps->flag = 1;
                nrn_presyn_fire(k, ci->t_);
            }
        } else {
            ps->flag = 0;
        }
    }
    /* the cell's WATCH conditions: an event now when one becomes true */
    for (int k = 0; k < e->nwatch; ++k) {
        nrn_watch* w = &e->watches[k];
        if (!w->active || pnt_cvi(w->pnt) != ci) continue;
        nrn_pnt* pt = &e->pnts[w->pnt];
        nrn_mech_entry* me = &e->mechs[pt->mech];
        if (!me->desc->watch_cond) continue;
        if (me->desc->watch_cond(&e->ctx, &me->m, pt->row, w->k) > 0.0) {
            if (!w->state) {
                w->state = 1;
                nrn_event_push(ci->t_, NRN_EV_WATCH, w->pnt, -1, w->flag);
            }
        } else {
            w->state = 0;
        }
    }
}

/* the earliest pending interpolated crossing: threshold source k (which = k) or watch k
 * (which = -2 - k); 1e300 when none */
static double cond_least(int* which) {
    double tmin = 1e300;
    *which = -1;
    if (G->condition_order != 2) return tmin;
    for (int k = 0; k < G->ncond; ++k) {
        if (G->cond_tq[k] > -1e299 && G->cond_tq[k] < tmin) {
            tmin = G->cond_tq[k];
            *which = k;
        }
    }
    int nw = nrn_eng.nwatch < G->capwcond ? nrn_eng.nwatch : G->capwcond;
    for (int k = 0; k < nw; ++k) {
        if (G->wcond_tq[k] > -1e299 && G->wcond_tq[k] < tmin) {
            tmin = G->wcond_tq[k];
            *which = -2 - k;
        }
    }
    return tmin;
}

/* --------------------------------------------------------------- event times */

double nrn_cvode_least_event(void) {
    nrn_engine* e = &nrn_eng;
    double t = e->nev > 0 ? e->heap[0].t : 1e300;
    int w;
    double tc = cond_least(&w);
    if (tc < t) t = tc;
    if (G->brk_next < G->nbrk && G->brk_t[G->brk_next] < t) t = G->brk_t[G->brk_next];
    return t;
}

static double least_t(void) { return nrn_cvode_least_event(); }

void nrn_cvode_set_breakpoints(double* t, int n) {
    G = nrn_cvode_get();
    free(G->brk_t);
    G->brk_t = NULL;
    G->nbrk = 0;
    G->brk_next = 0;
    if (n <= 0) return;
    G->brk_t = malloc(sizeof(double) * n);
    memcpy(G->brk_t, t, sizeof(double) * n);
    G->nbrk = n;
}

/* deliver everything due at tt (all due events are at tt: the integrators went there) */
int nrn_cvode_deliver_events(double tt) {
    nrn_engine* e = &nrn_eng;
    e->ctx.t = tt;
    for (;;) {
        int w, progress = 0;
        while (cond_least(&w) <= tt) {
            if (w >= 0) {
                double tq = G->cond_tq[w];
                G->cond_tq[w] = -1e300;
                nrn_presyn_fire(w, tq);
            } else {
                int k = -2 - w; /* a watch: its NET_RECEIVE goes through the queue */
                double tq = G->wcond_tq[k];
                G->wcond_tq[k] = -1e300;
                nrn_watch* wt = &nrn_eng.watches[k];
                nrn_event_push(tq, NRN_EV_WATCH, wt->pnt, -1, wt->flag);
            }
            progress = 1;
        }
        while (G->brk_next < G->nbrk && G->brk_t[G->brk_next] <= tt) {
            G->brk_next++;
            if (G->local) {
                for (int c = 0; c < G->nlcv; ++c) {
                    nrn_cvi_interpolate(&G->lcv[c], tt);
                    nrn_cvi_set_init_flag(&G->lcv[c]);
                }
            } else {
                set_init_flag();
            }
            progress = 1;
        }
        if (e->nev > 0 && e->heap[0].t <= tt) {
            int stop = 0;
            scan_due(0, tt, &stop);
            if (stop) {
                if (G->local) {
                    for (int c = 0; c < G->nlcv; ++c) {
                        nrn_cvi_interpolate(&G->lcv[c], tt);
                        nrn_cvi_record(&G->lcv[c]);
                    }
                } else {
                    record_continuous();
                }
                nrn_eng.stoprun |= NRN_CVODE_TSTOP_BIT;
            }
            e->ctx.t = tt;
            delivering = 1;
            deliver_tt = tt;
            int r = nrn_deliver_until(tt);
            delivering = 0;
            e->ctx.t = tt;
            if (r) return -1;
            progress = 1;
        }
        if (!progress) break;
    }
    return e->errored ? -1 : 0;
}

/* ------------------------------------------------------------- integrator calls */

/* SOLVE blocks the integrator cannot take (no ode_spec) and after_cvode procedures run
 * once before each step, as NEURON does. */
static void do_nonode(nrn_cvi* ci) {
    nrn_engine* e = &nrn_eng;
    for (int k = 0; k < e->nmech && !e->errored; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        nrn_mech* m = &ci->sys.views[k];
        if (!m->n) continue;
        if (me->desc->state && !me->desc->ode_spec) me->desc->state(&e->ctx, m);
        if (me->desc->after_cvode) me->desc->after_cvode(&e->ctx, m);
    }
}

/* absolute tolerances: atol times each equation's scale (the cell's share with the local
 * step) */
static void set_atol(nrn_cvi* ci) {
    double* scale = G->atolscale;
    if (ci->sys.global) {
        for (int i = 0; i < ci->sys.neq; ++i) ci->atol[i] = G->atol_base * scale[i];
        return;
    }
    /* the cell's voltages then its states, with the global map's scales */
    nrn_cvsys* g = &GI->sys;
    int k = 0;
    for (int i = 0; i < ci->sys.nv; ++i) ci->atol[k++] = G->atol_base * scale[0];
    for (int j = 0; j < ci->sys.nmech; ++j) {
        nrn_cvode_mech* cm = &ci->sys.mechs[j];
        int gieq = -1;
        for (int jj = 0; jj < g->nmech; ++jj)
            if (g->mechs[jj].k == cm->k) gieq = g->mechs[jj].ieq + cm->row0 * cm->nstate;
        for (int q = 0; q < cm->ninst * cm->nstate; ++q)
            ci->atol[k++] = G->atol_base * (gieq >= 0 ? scale[gieq + q] : 1.0);
    }
}

/* 0 ok, -1 error, 1 (DAE) the initial residual check failed and was reported */
int nrn_cvi_init(nrn_cvi* ci, double tout) {
    nrn_engine* e = &nrn_eng;
    int status = 0;
    ci->stats.init_calls++;
    ci->initialize_ = 1;
    ci->t_ = ci->t0_ = ci->tn_ = tout;
    ci->next_at_time_ = ci->t_ + 1e5;
    e->ctx.t = tout;
    if (ci->sys.neq > 0 && ci->dae) {
        set_atol(ci);
        status = nrn_dae_init(ci);
        if (status < 0) return -1;
    } else if (ci->sys.neq > 0) {
        nrn_cvode_gather_internal(&ci->sys, ci->y);
        set_atol(ci);
        cvb_reinit(&ci->cv, ci->t_, ci->y);
        ci->cv.rtol = G->rtol;
        ci->cv.qmax = G->maxorder;
        ci->cv.hmax_inv = G->maxstep > 0.0 ? 1.0 / G->maxstep : 0.0;
        ci->cv.hmin = G->minstep;
        ci->cv.hin = 0.0;
        ci->cv.gamma = 0.0;
        ci->cv.h = 0.0;
        if (nrn_cvode_f_internal(ci->t_, ci->y, ci->scratch, ci)) return -1;
    }
    ci->tstop_ = ci->next_at_time_ - eps(ci->next_at_time_);
    ci->initialize_ = 0;
    ci->prior2init_ = 0;
    ci->can_retreat_ = 0;
    return e->errored ? -1 : status;
}

static int cv_error(nrn_cvi* ci, int code) {
    char buf[160];
    snprintf(buf, sizeof(buf), "(t = %.17g, %s)", ci->t_,
             ci->dae ? nrn_ida_errmsg(code) : nrn_cvode_errmsg(code));
    nrn_error("variable step integrator error", buf);
    return -1;
}

/* a re-initialization during a run whose DAE residual check failed (already reported) */
static int init_error(nrn_cvi* ci) {
    char buf[96];
    snprintf(buf, sizeof(buf), "(t = %.17g, IDA initialization failure)", ci->t_);
    nrn_error("variable step integrator error", buf);
    return -1;
}

/* one IDA step towards tstop_; the model is left at the step's y, y' (NEURON's
 * Daspk::advance_tn: t0_ is the previous tn_) */
static int dae_advance(nrn_cvi* ci) {
    double tprev = ci->tn_, tret = ci->t_;
    idb_set_stop_time(&ci->ida, ci->tstop_);
    int r = idb_solve(&ci->ida, ci->tstop_, &tret, ci->y, ci->yp, IDB_ONE_STEP);
    if (r < 0) return cv_error(ci, r);
    ci->t_ = tret;
    nrn_dae_res(ci->t_, ci->y, ci->yp, ci->scratch, ci);
    ci->t0_ = tprev;
    ci->tn_ = ci->t_;
    return 0;
}

int nrn_cvi_advance(nrn_cvi* ci) {
    nrn_engine* e = &nrn_eng;
    if (ci->sys.neq == 0) {
        ci->t_ += 1e9;
        ci->tn_ = ci->t_;
        e->ctx.t = ci->t_;
        return 0;
    }
    if (ci->t_ >= ci->tstop_ - eps(ci->t_)) {
        ci->stats.ts_inits++;
        ci->tstop_begin_ = ci->tstop_;
        ci->tstop_end_ = ci->tstop_ + 1.5 * eps(ci->tstop_);
        int r = nrn_cvi_init(ci, ci->tstop_end_);
        return r > 0 ? init_error(ci) : r;
    }
    ci->stats.advance_calls++;
    e->ctx.t = ci->t_;
    do_nonode(ci);
    if (ci->dae) {
        if (dae_advance(ci)) return -1;
        ci->can_retreat_ = 1;
        e->ctx.t = ci->t_;
        return e->errored ? -1 : 0;
    }
    cvb_set_stop_time(&ci->cv, ci->tstop_);
    double tret = ci->t_;
    int r = cvb_solve(&ci->cv, ci->tstop_, ci->y, &tret, CVB_ONE_STEP);
    ci->t_ = tret;
    nrn_cvode_f_internal(ci->t_, ci->y, ci->scratch, ci);
    if (r < 0) return cv_error(ci, r);
    ci->tn_ = ci->cv.tn;
    ci->t0_ = ci->tn_ - ci->cv.h;
    ci->can_retreat_ = 1;
    e->ctx.t = ci->t_;
    return e->errored ? -1 : 0;
}

int nrn_cvi_interpolate(nrn_cvi* ci, double tout) {
    nrn_engine* e = &nrn_eng;
    if (ci->sys.neq == 0) {
        ci->t_ = tout;
        e->ctx.t = tout;
        return 0;
    }
    if (!ci->can_retreat_) {
        e->ctx.t = tout; /* an event in the initialization interval: no interpolation */
        return 0;
    }
    if (fabs(tout - ci->t_) <= eps(ci->t_)) {
        ci->t_ = tout;
        e->ctx.t = tout;
        return 0;
    }
    if (tout < ci->t0_) tout = ci->t0_;
    if (tout > ci->tn_) tout = ci->tn_;
    ci->stats.interpolate_calls++;
    if (ci->dae) {
        int r = idb_get_solution(&ci->ida, tout, ci->y, ci->yp);
        if (r != IDB_SUCCESS) return cv_error(ci, r);
        ci->t_ = tout;
        nrn_dae_res(ci->t_, ci->y, ci->yp, ci->scratch, ci);
        e->ctx.t = ci->t_;
        return e->errored ? -1 : 0;
    }
    int r = cvb_get_dky(&ci->cv, tout, 0, ci->y);
    if (r != CVB_SUCCESS) return cv_error(ci, r);
    ci->t_ = tout;
    nrn_cvode_f_internal(ci->t_, ci->y, ci->scratch, ci);
    e->ctx.t = ci->t_;
    return e->errored ? -1 : 0;
}

static int handle_step(double te) {
    nrn_cvi* ci = GI;
    int r = 0;
    if (G->condition_order == 1) {
        nrn_cvode_check_thresholds(ci);
        if (least_t() <= ci->t_) return 0;
    }
    if (ci->initialize_) {
        r = nrn_cvi_init(ci, ci->t_);
        if (r > 0) return init_error(ci);
        G->initialized_ = 1;
        if (G->condition_order == 2) nrn_cvode_evaluate_conditions(ci);
    } else if (te <= ci->tn_) {
        r = nrn_cvi_interpolate(ci, te);
    } else if (ci->t_ < ci->tn_) {
        r = nrn_cvi_interpolate(ci, ci->tn_);
    } else {
        record_continuous();
        r = nrn_cvi_advance(ci);
        if (!r && G->condition_order == 2) nrn_cvode_evaluate_conditions(ci);
    }
    return r;
}

static int global_microstep(void) {
    double tt = least_t();
    int r;
    if (tt - GI->t_ <= 0.0) {
        r = nrn_cvode_deliver_events(tt);
    } else {
        r = handle_step(tt);
    }
    if (!r) {
        double tl = least_t();
        if (tl < GI->t_) r = nrn_cvi_interpolate(GI, tl);
    }
    return r;
}

static int stopped(void) { return nrn_eng.stoprun || nrn_eng.errored; }

/* ------------------------------------------------------------------ public */

void nrn_cvode_set_active(int on) {
    nrn_engine* e = nrn_engine_get();
    G = nrn_cvode_get();
    if (on && !G->active) {
        fixed_at_time = e->api.at_time;
        orig_net_send = e->api.net_send;
        orig_net_event = e->api.net_event;
        e->api.at_time = nrn_cvode_at_time;
        e->api.net_send = cv_net_send;
        e->api.net_event = cv_net_event;
    } else if (!on && G->active) {
        e->api.at_time = fixed_at_time;
        e->api.net_send = orig_net_send;
        e->api.net_event = orig_net_event;
    }
    G->active = on ? 1 : 0;
}

/* at_time(te) under the variable step: while initializing, remember the nearest future te
 * (the integrator will stop just before it); true when te is the initialization time */
int nrn_cvode_at_time(nrn_ctx* ctx, double te) {
    (void)ctx;
    nrn_cvi* ci = G->cur;
    if (ci && ci->initialize_) {
        if (ci->t0_ < te && te < ci->next_at_time_) ci->next_at_time_ = te;
        return fabs(te - ci->t0_) <= eps(ci->t0_) ? 1 : 0;
    }
    return 0;
}

static void reset_conditions(void) {
    for (int k = 0; k < G->capcond; ++k) {
        G->cond_valid[k] = 0;
        G->cond_flag[k] = 0;
        G->cond_tq[k] = -1e300;
    }
    for (int k = 0; k < G->capwcond; ++k) {
        G->wcond_valid[k] = 0;
        G->wcond_tq[k] = -1e300;
    }
}

int nrn_cvode_re_init(void) {
    G = nrn_cvode_get();
    double t = nrn_eng.ctx.t;
    reset_conditions();
    if (G->local) return nrn_cvode_local_init_all(t);
    memset(&GI->stats, 0, sizeof(GI->stats));
    GI->init_failures = 0;
    if (nrn_cvi_init(GI, t) < 0) return -1;
    if (G->condition_order == 2) nrn_cvode_evaluate_conditions(GI);
    return nrn_eng.errored ? -1 : 0;
}

/* the end of finitialize with CVode active (NEURON's cvode_finitialize) */
int nrn_cvode_finitialize(void) {
    G = nrn_cvode_get();
    G->brk_next = 0;
    while (G->brk_next < G->nbrk && G->brk_t[G->brk_next] <= nrn_eng.ctx.t) G->brk_next++;
    return nrn_cvode_re_init();
}

/* no sections (artificial cells only): events in time order, as NEURON's empty model */
static int solve_empty(double tout) {
    nrn_engine* e = &nrn_eng;
    int r = 0;
    if (tout >= 0.0) {
        while (!r && least_t() <= tout && !stopped()) r = nrn_cvode_deliver_events(least_t());
        if (!e->stoprun) e->ctx.t = tout;
    } else if (least_t() < 1e299) {
        double tt = least_t();
        e->ctx.t = tt;
        r = nrn_cvode_deliver_events(tt);
    } else {
        e->ctx.t += 1e6;
    }
    GI->t_ = GI->t0_ = GI->tn_ = e->ctx.t;
    return r || e->errored ? -1 : 0;
}

int nrn_cvode_solve(double tout) {
    nrn_engine* e = &nrn_eng;
    G = nrn_cvode_get();
    if (e->nnode == 0 && GI->sys.neq == 0) return solve_empty(tout);
    if (G->local) return nrn_cvode_local_solve(tout);
    int r = 0;
    if (tout >= 0.0) {
        while (GI->t_ < tout || least_t() < tout) {
            r = global_microstep();
            if (r || stopped()) goto done;
        }
        r = nrn_cvi_interpolate(GI, tout);
        if (!r) record_continuous();
    } else {
        double tc = GI->t_;
        G->initialized_ = 0;
        while (GI->t_ <= tc && !G->initialized_) {
            r = global_microstep();
            if (r || stopped()) break;
        }
    }
done:
    e->ctx.t = GI->t_;
    /* dt: the step (CVODE) or 1/cj of the last Newton solve (IDA), as NEURON shows them */
    if (GI->sys.neq > 0 && !GI->dae && GI->cv.h != 0.0) e->ctx.dt = GI->cv.h;
    return r || e->errored ? -1 : 0;
}

int nrn_cvode_fadvance(void) { return nrn_cvode_solve(-1.0); }

/* CVode.event(t) without a statement: stops the run there and records (stdrun's tstop) */
int nrn_cvode_stop_event(double t) {
    if (t < nrn_eng.ctx.t) return 0;
    nrn_event_push(t, NRN_EV_PYTHON, -1, -1, 0.0);
    return 0;
}

/* stdrun's continuerun under CVode: post the stop event, step while t < tstop, then one
 * more step that delivers the stop event (so every record is taken at tstop); the local
 * step integrates to tstop (cvode.solve) */
int nrn_cvode_run_until(double tstop) {
    nrn_engine* e = &nrn_eng;
    G = nrn_cvode_get();
    e->stoprun = 0;
    nrn_cvode_stop_event(tstop);
    if (G->local) return nrn_cvode_local_solve(tstop);
    while (e->ctx.t < tstop && !e->stoprun) {
        if (nrn_cvode_fadvance()) return -1;
    }
    if (!e->stoprun && nrn_cvode_fadvance()) return -1;
    return 0;
}

int nrn_cvode_steps_until(double ts, int nstep) {
    nrn_engine* e = &nrn_eng;
    while (e->ctx.t < ts && !e->stoprun) {
        for (int i = 0; i < nstep; ++i) {
            if (nrn_cvode_fadvance()) return -1;
        }
    }
    return 0;
}

const char* nrn_ida_errmsg(int code) {
    switch (code) {
    case IDB_TOO_MUCH_WORK: return "too many steps";
    case IDB_TOO_MUCH_ACC: return "too much accuracy requested";
    case IDB_ERR_FAIL: return "error test failed repeatedly";
    case IDB_CONV_FAIL: return "Newton iteration failed to converge repeatedly";
    case IDB_LSETUP_FAIL: return "linear solver setup failed";
    case IDB_LSOLVE_FAIL: return "linear solve failed";
    case IDB_RES_FAIL: return "the residual failed";
    case IDB_REP_RES_ERR: return "the residual failed repeatedly";
    case IDB_ILL_INPUT: return "illegal input (tolerances, weights or stop time)";
    case IDB_BAD_T: return "interpolation time outside the last step";
    default: return "integrator failure";
    }
}

const char* nrn_cvode_errmsg(int code) {
    switch (code) {
    case CVB_TOO_MUCH_WORK: return "too many steps";
    case CVB_TOO_MUCH_ACC: return "too much accuracy requested";
    case CVB_ERR_FAILURE: return "error test failed repeatedly or with |h| = hmin";
    case CVB_CONV_FAILURE: return "corrector convergence failed repeatedly or with |h| = hmin";
    case CVB_LSETUP_FAIL: return "linear solver setup failed";
    case CVB_LSOLVE_FAIL: return "linear solve failed";
    case CVB_RHSFUNC_FAIL: return "the right-hand side failed";
    case CVB_ILL_INPUT: return "illegal input (tolerances or weights)";
    case CVB_BAD_T: return "interpolation time outside the last step";
    case CVB_TOO_CLOSE: return "tout too close to t";
    default: return "integrator failure";
    }
}
