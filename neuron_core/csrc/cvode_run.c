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

double* nrn_cvode_scratch(void);

static nrn_cvode* G;
static int (*fixed_at_time)(nrn_ctx*, double);
static void (*orig_net_send)(nrn_ctx*, nrn_mech*, int, double*, double, double);
static void (*orig_net_event)(nrn_ctx*, nrn_mech*, int, double);
static int delivering;      /* inside deliver_events */
static double deliver_tt;   /* its time */

static double eps(double x) { return 100.0 * DBL_EPSILON * fabs(x); }

/* ------------------------------------------------------------------- recording */

static void record_continuous(void) {
    nrn_engine* e = &nrn_eng;
    e->ctx.t = G->t_;
    nrn_call_ba(2);
    nrn_record_continuous();
}

static void set_init_flag(void) {
    G->initialize_ = 1;
    if (++G->prior2init_ == 1) record_continuous();
}

/* ------------------------------------------------------------- event bookkeeping */

static int pnt_on_cell(int pnt) {
    nrn_engine* e = &nrn_eng;
    if (pnt < 0 || pnt >= e->npnt || e->pnts[pnt].mech < 0) return 0;
    return e->mechs[e->pnts[pnt].mech].kind == NRN_KIND_POINT;
}

static int event_reinits(const nrn_event* ev) {
    nrn_engine* e = &nrn_eng;
    switch (ev->type) {
    case NRN_EV_NETCON: {
        nrn_netcon* nc = &e->netcons[ev->target];
        return nc->in_use && pnt_on_cell(nc->target);
    }
    case NRN_EV_SELF:
    case NRN_EV_WATCH:
        return pnt_on_cell(ev->target);
    case NRN_EV_PLAY:
        return 1;
    default:
        return 0;
    }
}

/* look at every queued event due by tt (the heap's due events form a subtree at the top) */
static void scan_due(int pos, double tt, int* reinit, int* stop) {
    nrn_engine* e = &nrn_eng;
    if (pos >= e->nev || e->heap[pos].t > tt) return;
    const nrn_event* ev = &e->heap[pos];
    if (event_reinits(ev)) *reinit = 1;
    if (ev->type == NRN_EV_PYTHON && ev->target < 0) *stop = 1;
    scan_due(2 * pos + 1, tt, reinit, stop);
    scan_due(2 * pos + 2, tt, reinit, stop);
}

/* events created while delivering (zero-delay self events, net_event of artificial cells)
 * that reach a cell at the delivery time also re-initialize */
static void cv_net_send(nrn_ctx* ctx, nrn_mech* m, int i, double* w, double delay, double flag) {
    orig_net_send(ctx, m, i, w, delay, flag);
    if (delivering && ctx->t + delay <= deliver_tt && m->pnt && pnt_on_cell(m->pnt[i])) {
        set_init_flag();
    }
}

static void cv_net_event(nrn_ctx* ctx, nrn_mech* m, int i, double t) {
    nrn_engine* e = &nrn_eng;
    orig_net_event(ctx, m, i, t);
    if (!delivering || !m->pnt) return;
    int ps = e->pnts[m->pnt[i]].presyn;
    if (ps < 0) return;
    nrn_presyn* p = &e->presyns[ps];
    for (int k = 0; k < p->nnc; ++k) {
        nrn_netcon* nc = &e->netcons[p->nc[k]];
        if (nc->active && t + nc->delay <= deliver_tt && pnt_on_cell(nc->target)) {
            set_init_flag();
        }
    }
}

/* ------------------------------------------------ condition_order 2 thresholds */

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
    for (int i = G->capcond; i < cap; ++i) {
        G->cond_tq[i] = -1e300;
        G->cond_flag[i] = 0;
        G->cond_valid[i] = 0;
        G->cond_valold[i] = 0.0;
        G->cond_told[i] = 0.0;
    }
    G->capcond = cap;
}

static double* cond_valthresh;
static int cap_valthresh;

static void evaluate_conditions(void) {
    nrn_engine* e = &nrn_eng;
    cond_reserve();
    if (cap_valthresh < G->capcond) {
        cond_valthresh = realloc(cond_valthresh, sizeof(double) * G->capcond);
        for (int i = cap_valthresh; i < G->capcond; ++i) cond_valthresh[i] = 0.0;
        cap_valthresh = G->capcond;
    }
    G->ncond = e->npresyn;
    for (int k = 0; k < e->npresyn; ++k) {
        nrn_presyn* ps = &e->presyns[k];
        if (!ps->in_use || !ps->thvar) continue;
        if (G->cond_tq[k] > -1e299) { /* pending crossing abandoned: the cell went back */
            G->cond_tq[k] = -1e300;
            cond_valthresh[k] = 0.0;
            G->cond_flag[k] = 0;
        }
        double val = *ps->thvar - ps->threshold;
        if (!G->cond_flag[k] && val >= 0.0) {
            G->cond_flag[k] = 1;
            cond_valthresh[k] = 0.0;
            if (G->t0_ == G->tn_ || !G->cond_valid[k]) {
                nrn_presyn_fire(k, G->t_);
            } else {
                cond_valthresh[k] = G->cond_valold[k];
                double th = -G->cond_valold[k] / (val - G->cond_valold[k]);
                th = th * G->t_ + (1.0 - th) * G->cond_told[k];
                G->cond_tq[k] = th;
            }
        } else if (G->cond_flag[k] && G->cond_valold[k] < cond_valthresh[k] &&
                   val < cond_valthresh[k]) {
            G->cond_flag[k] = 0;
        }
        G->cond_valold[k] = val;
        G->cond_told[k] = G->t_;
        G->cond_valid[k] = 1;
    }
}

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
    return tmin;
}

/* --------------------------------------------------------------- event times */

static double least_t(void) {
    nrn_engine* e = &nrn_eng;
    double t = e->nev > 0 ? e->heap[0].t : 1e300;
    int w;
    double tc = cond_least(&w);
    if (tc < t) t = tc;
    if (G->brk_next < G->nbrk && G->brk_t[G->brk_next] < t) t = G->brk_t[G->brk_next];
    return t;
}

void nrn_cvode_set_breakpoints(double* t, int n) {
    free(G->brk_t);
    G->brk_t = NULL;
    G->nbrk = 0;
    G->brk_next = 0;
    if (n <= 0) return;
    G->brk_t = malloc(sizeof(double) * n);
    memcpy(G->brk_t, t, sizeof(double) * n);
    G->nbrk = n;
}

static int deliver_events(double tt) {
    nrn_engine* e = &nrn_eng;
    e->ctx.t = tt;
    for (;;) {
        int w, progress = 0;
        while (cond_least(&w) <= tt) {
            double tq = G->cond_tq[w];
            G->cond_tq[w] = -1e300;
            nrn_presyn_fire(w, tq);
            progress = 1;
        }
        while (G->brk_next < G->nbrk && G->brk_t[G->brk_next] <= tt) {
            G->brk_next++;
            set_init_flag();
            progress = 1;
        }
        if (e->nev > 0 && e->heap[0].t <= tt) {
            int reinit = 0, stop = 0;
            scan_due(0, tt, &reinit, &stop);
            if (reinit) set_init_flag();
            if (stop) {
                record_continuous();
                G->stop_requested = 1;
            }
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
static void do_nonode(void) {
    nrn_engine* e = &nrn_eng;
    for (int k = 0; k < e->nmech && !e->errored; ++k) {
        nrn_mech_entry* me = &e->mechs[k];
        if (!me->m.n) continue;
        if (me->desc->state && !me->desc->ode_spec) me->desc->state(&e->ctx, &me->m);
        if (me->desc->after_cvode) me->desc->after_cvode(&e->ctx, &me->m);
    }
}

static int cv_init(double tout) {
    nrn_engine* e = &nrn_eng;
    G->stats.init_calls++;
    G->initialize_ = 1;
    G->t_ = G->t0_ = G->tn_ = tout;
    G->next_at_time_ = G->t_ + 1e5;
    e->ctx.t = tout;
    if (G->neq > 0) {
        nrn_cvode_gather_internal(G->y);
        for (int i = 0; i < G->neq; ++i) G->atol[i] = G->atol_base * G->atolscale[i];
        cvb_reinit(&G->cv, G->t_, G->y);
        G->cv.rtol = G->rtol;
        G->cv.qmax = G->maxorder;
        G->cv.hmax_inv = G->maxstep > 0.0 ? 1.0 / G->maxstep : 0.0;
        G->cv.hmin = G->minstep;
        G->cv.hin = 0.0;
        G->cv.gamma = 0.0;
        G->cv.h = 0.0;
        if (nrn_cvode_f_internal(G->t_, G->y, nrn_cvode_scratch(), G)) return -1;
    }
    G->tstop_ = G->next_at_time_ - eps(G->next_at_time_);
    G->initialize_ = 0;
    G->prior2init_ = 0;
    G->can_retreat_ = 0;
    return e->errored ? -1 : 0;
}

static int cv_error(int code) {
    char buf[128];
    snprintf(buf, sizeof(buf), "(t = %.17g, %s)", G->t_, nrn_cvode_errmsg(code));
    nrn_error("variable step integrator error", buf);
    return -1;
}

static int advance_tn(void) {
    nrn_engine* e = &nrn_eng;
    if (G->neq == 0) {
        G->t_ += 1e9;
        G->tn_ = G->t_;
        e->ctx.t = G->t_;
        return 0;
    }
    if (G->t_ >= G->tstop_ - eps(G->t_)) {
        G->stats.ts_inits++;
        G->tstop_begin_ = G->tstop_;
        G->tstop_end_ = G->tstop_ + 1.5 * eps(G->tstop_);
        return cv_init(G->tstop_end_);
    }
    G->stats.advance_calls++;
    e->ctx.t = G->t_;
    do_nonode();
    cvb_set_stop_time(&G->cv, G->tstop_);
    double tret = G->t_;
    int r = cvb_solve(&G->cv, G->tstop_, G->y, &tret, CVB_ONE_STEP);
    G->t_ = tret;
    if (r < 0) {
        nrn_cvode_f_internal(G->t_, G->y, nrn_cvode_scratch(), G);
        return cv_error(r);
    }
    nrn_cvode_f_internal(G->t_, G->y, nrn_cvode_scratch(), G);
    G->tn_ = G->cv.tn;
    G->t0_ = G->tn_ - G->cv.h;
    G->can_retreat_ = 1;
    e->ctx.t = G->t_;
    return e->errored ? -1 : 0;
}

static int interpolate(double tout) {
    nrn_engine* e = &nrn_eng;
    if (G->neq == 0) {
        G->t_ = tout;
        e->ctx.t = tout;
        return 0;
    }
    if (!G->can_retreat_) {
        e->ctx.t = tout; /* an event in the initialization interval: no interpolation */
        return 0;
    }
    if (fabs(tout - G->t_) <= eps(G->t_)) {
        G->t_ = tout;
        e->ctx.t = tout;
        return 0;
    }
    if (tout < G->t0_) tout = G->t0_;
    if (tout > G->tn_) tout = G->tn_;
    G->stats.interpolate_calls++;
    int r = cvb_get_dky(&G->cv, tout, 0, G->y);
    if (r != CVB_SUCCESS) return cv_error(r);
    G->t_ = tout;
    nrn_cvode_f_internal(G->t_, G->y, nrn_cvode_scratch(), G);
    e->ctx.t = G->t_;
    return e->errored ? -1 : 0;
}

static void check_thresholds(void) {
    nrn_engine* e = &nrn_eng;
    double teps = e->spike_teps;
    e->spike_teps = 0.0;
    e->ctx.t = G->t_;
    nrn_check_thresholds();
    e->spike_teps = teps;
}

static int handle_step(double te) {
    int r = 0;
    if (G->condition_order == 1) {
        check_thresholds();
        if (least_t() <= G->t_) return 0;
    }
    if (G->initialize_) {
        r = cv_init(G->t_);
        G->initialized_ = 1;
        if (G->condition_order == 2) evaluate_conditions();
    } else if (te <= G->tn_) {
        r = interpolate(te);
    } else if (G->t_ < G->tn_) {
        r = interpolate(G->tn_);
    } else {
        record_continuous();
        r = advance_tn();
        if (!r && G->condition_order == 2) evaluate_conditions();
    }
    return r;
}

static int global_microstep(void) {
    double tt = least_t();
    int r;
    if (tt - G->t_ <= 0.0) {
        r = deliver_events(tt);
    } else {
        r = handle_step(tt);
    }
    if (!r) {
        double tl = least_t();
        if (tl < G->t_) r = interpolate(tl);
    }
    return r;
}

static int stopped(void) { return nrn_eng.stoprun || G->stop_requested || nrn_eng.errored; }

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
    if (G->initialize_) {
        if (G->t0_ < te && te < G->next_at_time_) G->next_at_time_ = te;
        return fabs(te - G->t0_) <= eps(G->t0_) ? 1 : 0;
    }
    return 0;
}

int nrn_cvode_re_init(void) {
    G = nrn_cvode_get();
    memset(&G->stats, 0, sizeof(G->stats));
    if (cv_init(nrn_eng.ctx.t)) return -1;
    if (G->condition_order == 2) {
        for (int k = 0; k < G->capcond; ++k) {
            G->cond_valid[k] = 0;
            G->cond_flag[k] = 0;
            G->cond_tq[k] = -1e300;
        }
        evaluate_conditions();
    }
    return nrn_eng.errored ? -1 : 0;
}

/* the end of finitialize with CVode active (NEURON's cvode_finitialize) */
int nrn_cvode_finitialize(void) {
    G = nrn_cvode_get();
    G->stop_requested = 0;
    G->brk_next = 0;
    while (G->brk_next < G->nbrk && G->brk_t[G->brk_next] <= nrn_eng.ctx.t) G->brk_next++;
    return nrn_cvode_re_init();
}

int nrn_cvode_solve(double tout) {
    nrn_engine* e = &nrn_eng;
    G = nrn_cvode_get();
    int r = 0;
    if (tout >= 0.0) {
        while (G->t_ < tout || least_t() < tout) {
            r = global_microstep();
            if (r || stopped()) goto done;
        }
        r = interpolate(tout);
        if (!r) record_continuous();
    } else {
        double tc = G->t_;
        G->initialized_ = 0;
        while (G->t_ <= tc && !G->initialized_) {
            r = global_microstep();
            if (r || stopped()) break;
        }
    }
done:
    e->ctx.t = G->t_;
    if (G->neq > 0 && G->cv.h != 0.0) e->ctx.dt = G->cv.h;
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
 * more step that delivers the stop event (so every record is taken at tstop) */
int nrn_cvode_run_until(double tstop) {
    nrn_engine* e = &nrn_eng;
    G = nrn_cvode_get();
    e->stoprun = 0;
    G->stop_requested = 0;
    nrn_cvode_stop_event(tstop);
    while (e->ctx.t < tstop && !e->stoprun && !G->stop_requested) {
        if (nrn_cvode_fadvance()) return -1;
    }
    if (!e->stoprun && !G->stop_requested && nrn_cvode_fadvance()) return -1;
    G->stop_requested = 0;
    return 0;
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
