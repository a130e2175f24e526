/* cvode_local.c -- NEURON's local variable time step (CVode.use_local_dt(1)): one integrator
 * per cell, each at its own time.  A microstep either delivers the earliest event (the
 * cells it concerns interpolate back to its time; all cells are at or past it) or advances
 * the cell that is furthest behind by one step.  Per-step records and threshold sources
 * belong to the cell that owns their variable. */
#include "engine_int.h"
#include "cvode_api.h"

static nrn_cvode* G;

static nrn_cvi* least_cvi(void) {
    nrn_cvi* best = NULL;
    for (int c = 0; c < G->nlcv; ++c)
        if (!best || G->lcv[c].t_ < best->t_) best = &G->lcv[c];
    return best;
}

static double least_cell_t(void) {
    nrn_cvi* ci = least_cvi();
    return ci ? ci->t_ : 1e300;
}

/* each cell's per-step records and threshold sources, from the owners Python computed */
static int assign_owned(void) {
    nrn_engine* e = &nrn_eng;
    for (int c = 0; c < G->nlcv; ++c) {
        nrn_cvsys* s = &G->lcv[c].sys;
        free(s->rec);
        free(s->ps);
        s->rec = malloc(sizeof(int) * (e->nrecord > 0 ? e->nrecord : 1));
        s->ps = malloc(sizeof(int) * (e->npresyn > 0 ? e->npresyn : 1));
        if (!s->rec || !s->ps) return -1;
        s->nrec = s->nps = 0;
    }
    if (G->nlcv == 0) return 0;
    for (int k = 0; k < e->nrecord; ++k) {
        int c = (G->rec_owner && k < G->nrec_owner) ? G->rec_owner[k] : -1;
        if (c < 0 || c >= G->nlcv) c = 0; /* e.g. t: taken with the first cell's steps */
        nrn_cvsys* s = &G->lcv[c].sys;
        s->rec[s->nrec++] = k;
    }
    for (int k = 0; k < e->npresyn; ++k) {
        if (!e->presyns[k].in_use || !e->presyns[k].thvar) continue;
        int c = (G->ps_owner && k < G->nps_owner) ? G->ps_owner[k] : -1;
        if (c < 0 || c >= G->nlcv) continue;
        nrn_cvsys* s = &G->lcv[c].sys;
        s->ps[s->nps++] = k;
    }
    return 0;
}

int nrn_cvode_local_init_all(double t) {
    G = nrn_cvode_get();
    if (assign_owned()) return -1;
    for (int c = 0; c < G->nlcv; ++c) {
        nrn_cvi* ci = &G->lcv[c];
        memset(&ci->stats, 0, sizeof(ci->stats));
        if (nrn_cvi_init(ci, t)) return -1;
        if (G->condition_order == 2) nrn_cvode_evaluate_conditions(ci);
    }
    nrn_eng.ctx.t = t;
    return nrn_eng.errored ? -1 : 0;
}

static int local_handle_step(nrn_cvi* ci) {
    int r = 0;
    if (G->condition_order == 1) {
        nrn_cvode_check_thresholds(ci);
        if (nrn_cvode_least_event() <= ci->t_) return 0;
    }
    if (ci->initialize_) {
        r = nrn_cvi_init(ci, ci->t_);
        G->initialized_ = 1;
        if (G->condition_order == 2) nrn_cvode_evaluate_conditions(ci);
    } else if (ci->t_ < ci->tn_) {
        r = nrn_cvi_interpolate(ci, ci->tn_);
    } else {
        nrn_cvi_record(ci);
        r = nrn_cvi_advance(ci);
        if (!r && G->condition_order == 2) nrn_cvode_evaluate_conditions(ci);
    }
    return r;
}

static int local_microstep(void) {
    nrn_cvi* ci = least_cvi();
    double te = nrn_cvode_least_event();
    if (!ci || te <= ci->t_) return nrn_cvode_deliver_events(te);
    return local_handle_step(ci);
}

static int stopped(void) { return nrn_eng.stoprun || nrn_eng.errored; }

int nrn_cvode_local_solve(double tout) {
    nrn_engine* e = &nrn_eng;
    G = nrn_cvode_get();
    int r = 0;
    if (G->nlcv == 0) {
        /* no cells: events only */
        double tend = tout >= 0.0 ? tout : nrn_cvode_least_event();
        while (nrn_cvode_least_event() <= tend && !r && !stopped())
            r = nrn_cvode_deliver_events(nrn_cvode_least_event());
        if (tend < 1e299) e->ctx.t = tend;
        return r ? -1 : 0;
    }
    if (tout >= 0.0) {
        while (least_cell_t() < tout || nrn_cvode_least_event() <= tout) {
            r = local_microstep();
            if (r || stopped()) break;
        }
        if (!r && !stopped()) {
            for (int c = 0; c < G->nlcv && !r; ++c) {
                r = nrn_cvi_interpolate(&G->lcv[c], tout);
                nrn_cvi_record(&G->lcv[c]);
            }
        }
        e->ctx.t = tout;
    } else {
        double tc = least_cell_t(), te = nrn_cvode_least_event();
        while (least_cell_t() <= tc && nrn_cvode_least_event() <= te) {
            r = local_microstep();
            if (r || stopped()) break;
        }
        double t = least_cell_t();
        e->ctx.t = te < t ? te : t;
    }
    return r || e->errored ? -1 : 0;
}
