/* events.c -- the event queue, NetCon/PreSyn network, WATCH conditions, Vector record and
 * play.  The queue is a binary heap ordered by (time, insertion sequence): events at equal
 * times are delivered first-in first-out. */
#include "engine_int.h"
#include "random123_api.h"

static double dummy_weights[16];

/* ------------------------------------------------------------------ heap */

static int ev_less(const nrn_event* a, const nrn_event* b) {
    return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void ev_place(int pos, const nrn_event* ev) {
    nrn_engine* e = &nrn_eng;
    e->heap[pos] = *ev;
    e->heap[pos].pos = pos;
    if (ev->type == NRN_EV_SELF) {
        nrn_pnt* pt = &e->pnts[ev->target];
        if (pt->tqseq == ev->seq) {
            pt->tqitem = pos;
        }
    }
}

static void sift_up(int pos) {
    nrn_engine* e = &nrn_eng;
    nrn_event ev = e->heap[pos];
    while (pos > 0) {
        int parent = (pos - 1) / 2;
        if (!ev_less(&ev, &e->heap[parent])) {
            break;
        }
        ev_place(pos, &e->heap[parent]);
        pos = parent;
    }
    ev_place(pos, &ev);
}

static void sift_down(int pos) {
    nrn_engine* e = &nrn_eng;
    nrn_event ev = e->heap[pos];
    int n = e->nev;
    for (;;) {
        int c = 2 * pos + 1;
        if (c >= n) {
            break;
        }
        if (c + 1 < n && ev_less(&e->heap[c + 1], &e->heap[c])) {
            ++c;
        }
        if (!ev_less(&e->heap[c], &ev)) {
            break;
        }
        ev_place(pos, &e->heap[c]);
        pos = c;
    }
    ev_place(pos, &ev);
}

static int gen_of(int type, int target, int netcon) {
    nrn_engine* e = &nrn_eng;
    if (type == NRN_EV_NETCON) {
        return e->netcons[target].gen;
    }
    if (type == NRN_EV_SELF && netcon >= 0) {
        return e->netcons[netcon].gen;
    }
    return 0;
}

static nrn_event* push(double t, int type, int target, int netcon, double flag) {
    nrn_engine* e = &nrn_eng;
    if (e->nev == e->capev) {
        int cap = e->capev ? 2 * e->capev : 1024;
        nrn_event* h = realloc(e->heap, sizeof(nrn_event) * cap);
        if (!h) {
            nrn_error("out of memory in the event queue", NULL);
            return NULL;
        }
        e->heap = h;
        e->capev = cap;
    }
    nrn_event ev;
    ev.t = t;
    ev.seq = ++e->evseq;
    ev.type = type;
    ev.target = target;
    ev.netcon = netcon;
    ev.flag = flag;
    ev.gen = gen_of(type, target, netcon);
    ev.pad = 0;
    ev.pos = e->nev;
    e->heap[e->nev++] = ev;
    sift_up(e->nev - 1);
    return NULL;
}

void nrn_event_push(double t, int type, int target, int netcon, double flag) {
    push(t, type, target, netcon, flag);
}

static nrn_event pop(void) {
    nrn_engine* e = &nrn_eng;
    nrn_event top = e->heap[0];
    --e->nev;
    if (e->nev > 0) {
        ev_place(0, &e->heap[e->nev]);
        sift_down(0);
    }
    return top;
}

void nrn_clear_events(void) {
    nrn_engine* e = &nrn_eng;
    e->nev = 0;
    for (int i = 0; i < e->npnt; ++i) {
        e->pnts[i].tqitem = -1;
        e->pnts[i].tqseq = 0;
    }
}

/* ------------------------------------------------------------- network */

static void netcon_reset(nrn_netcon* nc) {
    int gen = nc->gen;
    memset(nc, 0, sizeof(nrn_netcon));
    nc->gen = gen;
}

int nrn_netcon_new(void) {
    nrn_engine* e = &nrn_eng;
    for (int i = 0; e->nfree_netcon > 0 && i < e->nnetcon; ++i) {
        if (!e->netcons[i].in_use) {
            --e->nfree_netcon;
            netcon_reset(&e->netcons[i]);
            e->netcons[i].in_use = 1;
            e->netcons[i].target = -1;
            e->netcons[i].presyn = -1;
            e->netcons[i].active = 1;
            e->netcons[i].delay = 1.;
            return i;
        }
    }
    if (e->nnetcon == e->capnetcon) {
        int cap = e->capnetcon ? 2 * e->capnetcon : 256;
        nrn_netcon* p = realloc(e->netcons, sizeof(nrn_netcon) * cap);
        if (!p) {
            return -1;
        }
        e->netcons = p;
        e->capnetcon = cap;
    }
    int i = e->nnetcon++;
    memset(&e->netcons[i], 0, sizeof(nrn_netcon));
    e->netcons[i].in_use = 1;
    e->netcons[i].target = -1;
    e->netcons[i].presyn = -1;
    e->netcons[i].active = 1;
    e->netcons[i].delay = 1.;
    return i;
}

/* Queued events of a freed NetCon stay in the queue but are recognized as stale by the
 * generation number and ignored. */
void nrn_netcon_free(int id) {
    nrn_engine* e = &nrn_eng;
    nrn_netcon* nc = &e->netcons[id];
    if (nc->presyn >= 0) {
        nrn_presyn_remove_netcon(nc->presyn, id);
    }
    nc->in_use = 0;
    nc->w = NULL;
    nc->gen += 1;
    e->nfree_netcon += 1;
}

int nrn_presyn_new(void) {
    nrn_engine* e = &nrn_eng;
    int i = e->npresyn;
    if (e->nfree_presyn > 0) {
        for (i = 0; i < e->npresyn; ++i) {
            if (!e->presyns[i].in_use) {
                --e->nfree_presyn;
                break;
            }
        }
    }
    e->thr_dirty = 1;
    if (i == e->npresyn) {
        if (e->npresyn == e->cappresyn) {
            int cap = e->cappresyn ? 2 * e->cappresyn : 256;
            nrn_presyn* p = realloc(e->presyns, sizeof(nrn_presyn) * cap);
            if (!p) {
                return -1;
            }
            e->presyns = p;
            e->cappresyn = cap;
        }
        ++e->npresyn;
    } else {
        free(e->presyns[i].nc);
    }
    memset(&e->presyns[i], 0, sizeof(nrn_presyn));
    e->presyns[i].in_use = 1;
    e->presyns[i].pnt = -1;
    e->presyns[i].gid = -1;
    e->presyns[i].threshold = 10.;
    return i;
}

void nrn_presyn_free(int id) {
    nrn_engine* e = &nrn_eng;
    nrn_presyn* ps = &e->presyns[id];
    e->nfree_presyn += 1;
    e->thr_dirty = 1;
    free(ps->nc);
    ps->nc = NULL;
    ps->nnc = ps->capnc = 0;
    ps->in_use = 0;
    ps->thvar = NULL;
    ps->rec_t = ps->rec_id = NULL;
}

void nrn_presyn_add_netcon(int id, int nc) {
    nrn_presyn* ps = &nrn_eng.presyns[id];
    if (ps->nnc == ps->capnc) {
        int cap = ps->capnc ? 2 * ps->capnc : 4;
        int* p = realloc(ps->nc, sizeof(int) * cap);
        if (!p) {
            nrn_error("out of memory adding a NetCon", NULL);
            return;
        }
        ps->nc = p;
        ps->capnc = cap;
    }
    ps->nc[ps->nnc++] = nc;
}

void nrn_presyn_remove_netcon(int id, int nc) {
    nrn_presyn* ps = &nrn_eng.presyns[id];
    for (int k = 0; k < ps->nnc; ++k) {
        if (ps->nc[k] == nc) {
            memmove(ps->nc + k, ps->nc + k + 1, sizeof(int) * (ps->nnc - k - 1));
            --ps->nnc;
            return;
        }
    }
}

/* A source fired at time t: record it and schedule every active NetCon with a target. */
void nrn_presyn_fire(int id, double t) {
    nrn_engine* e = &nrn_eng;
    nrn_presyn* ps = &e->presyns[id];
    if (ps->rec_t) {
        nrn_vec_append(ps->rec_t, t);
        if (ps->rec_id) {
            nrn_vec_append(ps->rec_id, ps->rec_idval);
        }
    }
    if (ps->gid >= 0 && ps->output) {
        if (e->out_t) {
            nrn_vec_append(e->out_t, t);
            nrn_vec_append(e->out_gid, (double)ps->gid);
        }
        if (e->recall_t) {
            nrn_vec_append(e->recall_t, t);
            nrn_vec_append(e->recall_gid, (double)ps->gid);
        }
    }
    for (int k = 0; k < ps->nnc; ++k) {
        nrn_netcon* nc = &e->netcons[ps->nc[k]];
        if (nc->active && nc->target >= 0) {
            push(t + nc->delay, NRN_EV_NETCON, ps->nc[k], -1, 0.);
        }
    }
}

/* NetCon.event(t): deliver this NetCon's weight to its target at t. */
void nrn_netcon_event(int id, double t) {
    nrn_netcon* nc = &nrn_eng.netcons[id];
    if (nc->target >= 0) {
        push(t, NRN_EV_NETCON, id, -1, 0.);
    }
}

int nrn_python_event(double t, int id) {
    push(t, NRN_EV_PYTHON, id, -1, 0.);
    return 0;
}

int nrn_watch_reserve(int n) {
    nrn_engine* e = &nrn_eng;
    if (n > e->capwatch) {
        nrn_watch* w = realloc(e->watches, sizeof(nrn_watch) * n);
        if (!w) {
            return -1;
        }
        e->watches = w;
        e->capwatch = n;
    }
    return 0;
}

/* ------------------------------------------------ mechanism event API */

/* the NetCon whose event (or self event caused by it) is being delivered, or -1 */
static int delivering_nc = -1;

static int pnt_of(nrn_mech* m, int i) { return m->pnt ? m->pnt[i] : -1; }

void nrn_events_net_send(nrn_ctx* ctx, nrn_mech* m, int i, double* w, double delay, double flag) {
    nrn_engine* e = &nrn_eng;
    int pnt = pnt_of(m, i);
    if (pnt < 0) {
        nrn_error("net_send from a mechanism that is not a point process", NULL);
        return;
    }
    if (delay < 0) {
        nrn_error("net_send delay < 0", NULL);
        return;
    }
    int ncid = -1;
    if (w && w != dummy_weights) {
        /* the NetCon owning w (self events keep the weight vector of their cause): usually
         * the one whose event is being delivered, else searched for */
        if (delivering_nc >= 0 && delivering_nc < e->nnetcon && e->netcons[delivering_nc].w == w) {
            ncid = delivering_nc;
        }
        for (int k = 0; ncid < 0 && k < e->nnetcon; ++k) {
            if (e->netcons[k].in_use && e->netcons[k].w == w) {
                ncid = k;
                break;
            }
        }
    }
    uint64_t seq = e->evseq + 1;
    e->pnts[pnt].tqseq = seq;
    push(ctx->t + delay, NRN_EV_SELF, pnt, ncid, flag);
}

void nrn_events_net_event(nrn_ctx* ctx, nrn_mech* m, int i, double t) {
    nrn_engine* e = &nrn_eng;
    int pnt = pnt_of(m, i);
    if (pnt < 0) {
        return;
    }
    int ps = e->pnts[pnt].presyn;
    if (ps >= 0) {
        nrn_presyn_fire(ps, t);
    }
    (void)ctx;
}

void nrn_events_net_move(nrn_ctx* ctx, nrn_mech* m, int i, double tnew) {
    nrn_engine* e = &nrn_eng;
    int pnt = pnt_of(m, i);
    if (pnt < 0) {
        return;
    }
    nrn_pnt* pt = &e->pnts[pnt];
    if (pt->tqitem < 0 || pt->tqitem >= e->nev || e->heap[pt->tqitem].seq != pt->tqseq) {
        nrn_error("net_move without a pending net_send", NULL);
        return;
    }
    if (tnew < ctx->t) {
        nrn_error("net_move tnew < t", NULL);
        return;
    }
    int pos = pt->tqitem;
    e->heap[pos].t = tnew;
    sift_up(pos);
    sift_down(pt->tqitem);
}

void nrn_events_watch_clear(nrn_ctx* ctx, nrn_mech* m, int i) {
    nrn_engine* e = &nrn_eng;
    int pnt = pnt_of(m, i);
    for (int k = 0; k < e->nwatch; ++k) {
        if (e->watches[k].pnt == pnt) {
            e->watches[k].active = 0;
        }
    }
    (void)ctx;
}

void nrn_events_watch_activate(nrn_ctx* ctx, nrn_mech* m, int i, int k, double flag) {
    nrn_engine* e = &nrn_eng;
    int pnt = pnt_of(m, i);
    if (pnt < 0) {
        return;
    }
    nrn_watch* w = NULL;
    for (int j = 0; j < e->nwatch; ++j) {
        if (e->watches[j].pnt == pnt && e->watches[j].k == k) {
            w = &e->watches[j];
            break;
        }
    }
    if (!w) {
        for (int j = 0; j < e->nwatch; ++j) {
            if (!e->watches[j].active && e->watches[j].pnt < 0) {
                w = &e->watches[j];
                break;
            }
        }
    }
    if (!w) {
        if (nrn_watch_reserve(e->nwatch + 1 > 2 * e->capwatch ? e->nwatch + 1 : 2 * e->capwatch + 8)) {
            nrn_error("out of memory for WATCH", NULL);
            return;
        }
        w = &e->watches[e->nwatch++];
    }
    w->pnt = pnt;
    w->k = k;
    w->flag = flag;
    w->active = 1;
    /* a condition already true when armed does not fire until it becomes false first */
    const nrn_mech_desc* d = e->mechs[e->pnts[pnt].mech].desc;
    w->state = d->watch_cond ? (d->watch_cond(ctx, m, i, k) > 0.) : 0;
}

/* FOR_NETCONS: the weight vectors of the NetCons that target instance i, in creation order. */
int nrn_events_for_netcons(nrn_ctx* ctx, nrn_mech* m, int i, double** w, int maxn) {
    nrn_engine* e = &nrn_eng;
    int pnt = pnt_of(m, i);
    int n = 0;
    (void)ctx;
    if (pnt < 0) {
        return 0;
    }
    for (int k = 0; k < e->nnetcon; ++k) {
        nrn_netcon* nc = &e->netcons[k];
        if (nc->in_use && nc->target == pnt) {
            if (n < maxn) {
                w[n] = nc->w;
            }
            ++n;
        }
    }
    return n;
}

/* nrn_fake_fire: the gid tables live in Python (ParallelContext). */
void nrn_events_fake_fire(int gid, double t, int fake_out) { nrnpy_fake_fire(gid, t, fake_out); }

/* ------------------------------------------------- thresholds, delivery */

static void rebuild_thr_list(void) {
    nrn_engine* e = &nrn_eng;
    if (e->capthr < e->npresyn) {
        int cap = e->npresyn + 64;
        int* p = realloc(e->thr_ps, sizeof(int) * cap);
        if (!p) {
            nrn_error("out of memory (threshold list)", NULL);
            return;
        }
        e->thr_ps = p;
        e->capthr = cap;
    }
    e->nthr = 0;
    for (int i = 0; i < e->npresyn; ++i) {
        if (e->presyns[i].in_use && e->presyns[i].thvar) {
            e->thr_ps[e->nthr++] = i;
        }
    }
    e->thr_dirty = 0;
}

void nrn_check_thresholds(void) {
    nrn_engine* e = &nrn_eng;
    const double t = e->ctx.t;
    if (e->thr_dirty) {
        rebuild_thr_list();
    }
    for (int k = 0; k < e->nthr; ++k) {
        int i = e->thr_ps[k];
        nrn_presyn* ps = &e->presyns[i];
        if (!ps->in_use || !ps->thvar) {
            continue;
        }
        if (*ps->thvar - ps->threshold > 0.) {
            if (!ps->flag) {
                ps->flag = 1;
                nrn_presyn_fire(i, t + e->spike_teps);
            }
        } else {
            ps->flag = 0;
        }
    }
    for (int i = 0; i < e->nwatch; ++i) {
        nrn_watch* w = &e->watches[i];
        if (!w->active) {
            continue;
        }
        nrn_pnt* pt = w->pnt < e->npnt ? &e->pnts[w->pnt] : NULL;
        if (!pt || pt->mech < 0 || !e->mechs[pt->mech].desc->watch_cond) {
            w->active = 0; /* its point process is gone (the id may serve another now) */
            continue;
        }
        nrn_mech_entry* me = &e->mechs[pt->mech];
        double c = me->desc->watch_cond(&e->ctx, &me->m, pt->row, w->k);
        if (c > 0.) {
            if (!w->state) {
                w->state = 1;
                push(t, NRN_EV_WATCH, w->pnt, -1, w->flag);
            }
        } else {
            w->state = 0;
        }
    }
}

static void deliver_to_pnt(int pnt, double* w, double flag, double t) {
    nrn_engine* e = &nrn_eng;
    if (pnt < 0 || pnt >= e->npnt || e->pnts[pnt].mech < 0) {
        return; /* the target no longer exists (deleted, or its section was) */
    }
    nrn_pnt* pt = &e->pnts[pnt];
    nrn_mech_entry* me = &e->mechs[pt->mech];
    if (!me->desc->net_receive) {
        nrn_error("event delivered to a mechanism without NET_RECEIVE", me->desc->name);
        return;
    }
    double tsav = e->ctx.t;
    e->ctx.t = t;
    me->desc->net_receive(&e->ctx, &me->m, pt->row, w ? w : dummy_weights, flag);
    e->ctx.t = tsav;
}

static void deliver_play(int id, double t);
static void deliver_record(int id, double t, double gen);

static void deliver(const nrn_event* ev) {
    nrn_engine* e = &nrn_eng;
    switch (ev->type) {
    case NRN_EV_NETCON: {
        nrn_netcon* nc = &e->netcons[ev->target];
        if (nc->in_use && nc->gen == ev->gen && nc->target >= 0) {
            delivering_nc = ev->target;
            deliver_to_pnt(nc->target, nc->w, 0., ev->t);
            delivering_nc = -1;
        }
        break;
    }
    case NRN_EV_SELF: {
        nrn_pnt* pt = &e->pnts[ev->target];
        if (pt->tqseq == ev->seq) {
            pt->tqitem = -1;
        }
        const nrn_netcon* owner = ev->netcon >= 0 ? &e->netcons[ev->netcon] : NULL;
        double* w = (owner && owner->in_use && owner->gen == ev->gen) ? owner->w : NULL;
        delivering_nc = w ? ev->netcon : -1;
        deliver_to_pnt(ev->target, w, ev->flag, ev->t);
        delivering_nc = -1;
        break;
    }
    case NRN_EV_WATCH:
        deliver_to_pnt(ev->target, NULL, ev->flag, ev->t);
        break;
    case NRN_EV_PLAY:
        deliver_play(ev->target, ev->t);
        break;
    case NRN_EV_RECORD:
        deliver_record(ev->target, ev->t, ev->flag);
        break;
    case NRN_EV_PYTHON: {
        double tsav = e->ctx.t;
        e->ctx.t = ev->t;
        nrnpy_event(ev->target, ev->t);
        e->ctx.t = tsav;
        break;
    }
    }
}

int nrn_deliver_until(double til) {
    nrn_engine* e = &nrn_eng;
    while (e->nev > 0 && e->heap[0].t <= til && !e->errored) {
        nrn_event ev = pop();
        deliver(&ev);
    }
    return e->errored ? -1 : 0;
}

int nrn_deliver_events(double til) { return nrn_deliver_until(til); }

/* ------------------------------------------------------- record / play */

static void deliver_record(int id, double t, double gen) {
    nrn_engine* e = &nrn_eng;
    nrn_record* r = &e->records[id];
    if (gen != (double) r->gen) {
        return;   /* a sample scheduled before the last frecord_init */
    }
    nrn_vec_append(r->y, *r->src);
    if (r->mode == 1) {
        push(t + r->dt_rec, NRN_EV_RECORD, id, -1, (double) r->gen);
    } else if (r->mode == 2) {
        ++r->next;
        if (r->next < r->tvec->size) {
            push(r->tvec->data[r->next], NRN_EV_RECORD, id, -1, (double) r->gen);
        }
    }
}

void nrn_record_init(void) {
    nrn_engine* e = &nrn_eng;
    for (int i = 0; i < e->nrecord; ++i) {
        nrn_record* r = &e->records[i];
        r->y->size = 0;
        r->next = 0;
        r->gen = (r->gen + 1) & 0xffffff;
        if (r->mode == 1) {
            push(e->ctx.t, NRN_EV_RECORD, i, -1, (double) r->gen);
        } else if (r->mode == 2) {
            if (r->tvec->size > 0) {
                push(r->tvec->data[0], NRN_EV_RECORD, i, -1, (double) r->gen);
            }
        }
    }
}

void nrn_record_continuous(void) {
    nrn_engine* e = &nrn_eng;
    for (int i = 0; i < e->nrecord; ++i) {
        nrn_record* r = &e->records[i];
        if (r->mode == 0) {
            nrn_vec_append(r->y, *r->src);
        }
    }
}

static void deliver_play(int id, double t) {
    nrn_engine* e = &nrn_eng;
    nrn_play* p = &e->plays[id];
    int i = p->next;
    if (i < p->y->size) {
        *p->dst = p->y->data[i];
    }
    p->next = ++i;
    if (i < p->y->size) {
        if (p->tvec) {
            if (i < p->tvec->size) {
                push(p->tvec->data[i], NRN_EV_PLAY, id, -1, 0.);
            }
        } else {
            push(t + p->dt_play, NRN_EV_PLAY, id, -1, 0.);
        }
    }
}

void nrn_play_init(void) {
    nrn_engine* e = &nrn_eng;
    for (int i = 0; i < e->nplay; ++i) {
        nrn_play* p = &e->plays[i];
        p->next = 0;
        p->last_i = 0;
        if (p->continuous) {
            continue;
        }
        if (p->tvec) {
            if (p->tvec->size > 0 && p->y->size > 0) {
                push(p->tvec->data[0], NRN_EV_PLAY, i, -1, 0.);
            }
        } else if (p->y->size > 0) {
            push(e->ctx.t, NRN_EV_PLAY, i, -1, 0.);
        }
    }
    nrn_play_continuous(e->ctx.t);
}

/* Continuous play: y(tvec) at t, as NEURON evaluates it.  Up to tvec[0] the first value;
 * otherwise the segment (tvec[j-1], tvec[j]] with j the first index where tvec[j] >= t (the
 * last segment, extrapolated, past the end).  On a zero-length segment (a repeated time) the
 * mean of its two values. */
static double interp(nrn_play* p, double t) {
    const double* tv = p->tvec->data;
    const double* y = p->y->data;
    int64_t n = p->tvec->size < p->y->size ? p->tvec->size : p->y->size;
    if (n <= 0) {
        return 0.;
    }
    if (t <= tv[0] || n == 1) {
        p->last_i = 0;
        return y[0];
    }
    int64_t j = p->last_i;
    if (j < 1 || j >= n || tv[j - 1] >= t) {
        j = 1;
    }
    while (j < n - 1 && tv[j] < t) {
        ++j;
    }
    p->last_i = (int)j;
    double t0 = tv[j - 1], t1 = tv[j];
    if (t0 == t1) {
        return (y[j - 1] + y[j]) / 2.;
    }
    return y[j - 1] + (y[j] - y[j - 1]) * (t - t0) / (t1 - t0);
}

void nrn_play_continuous(double t) {
    nrn_engine* e = &nrn_eng;
    for (int i = 0; i < e->nplay; ++i) {
        nrn_play* p = &e->plays[i];
        if (!p->continuous) {
            continue;
        }
        if (p->tvec) {
            *p->dst = interp(p, t);
        } else {
            /* continuous with a fixed interval: y sampled every dt_play from 0 */
            double x = t / p->dt_play;
            int64_t k = (int64_t)x;
            int64_t n = p->y->size;
            if (n <= 0) {
                continue;
            }
            if (k >= n - 1) {
                *p->dst = p->y->data[n - 1];
            } else {
                double f = x - (double)k;
                *p->dst = p->y->data[k] + f * (p->y->data[k + 1] - p->y->data[k]);
            }
        }
    }
}

/* Random.play: a new pick for each played variable (start of every step, and finitialize). */
void nrn_random_play(void) {
    nrn_engine* e = &nrn_eng;
    for (int i = 0; i < e->nrandplay; ++i) {
        nrn_randplay* r = &e->randplays[i];
        *r->dst = nrn_rand_dist_pick((nrn_rng*)r->rng, (nrn_rand_dist*)r->dist);
    }
}
