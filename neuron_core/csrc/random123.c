/* random123.c -- Philox4x32-10 streams, MCellRan4, and the Random class distributions.
 *
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC11):
 * ten rounds; each round multiplies counter words 0 and 2 by fixed 32-bit constants,
 * takes the 64-bit products apart, and mixes the high halves with the other two words
 * and the round key; the key is bumped by two Weyl constants between rounds.
 */
#include <math.h>
#include <stdint.h>

#include "random123_api.h"

/* e, for lognormal = e^normal computed with pow() as NEURON does */
#define NRN_E 2.71828182845904523536

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

static uint32_t globalindex_ = 0;
static uint32_t auto_id3_ = 0;
static uint32_t mcran4_lowindex_ = 0;
static uint32_t mcran4_count_ = 0;

void nrnran123_philox4x32(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4]) {
    uint32_t x0 = ctr[0], x1 = ctr[1], x2 = ctr[2], x3 = ctr[3];
    uint32_t k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        uint64_t p0 = (uint64_t) PHILOX_M0 * x0;
        uint64_t p1 = (uint64_t) PHILOX_M1 * x2;
        uint32_t y0 = (uint32_t) (p1 >> 32) ^ x1 ^ k0;
        uint32_t y1 = (uint32_t) p1;
        uint32_t y2 = (uint32_t) (p0 >> 32) ^ x3 ^ k1;
        uint32_t y3 = (uint32_t) p0;
        x0 = y0;
        x1 = y1;
        x2 = y2;
        x3 = y3;
    }
    out[0] = x0;
    out[1] = x1;
    out[2] = x2;
    out[3] = x3;
}

static void refill(nrnran123_State* s) {
    const uint32_t key[2] = {globalindex_, 0};
    nrnran123_philox4x32(s->c, key, s->r);
}

void nrnran123_set_globalindex(uint32_t gix) {
    globalindex_ = gix;
}

uint32_t nrnran123_get_globalindex(void) {
    return globalindex_;
}

void nrnran123_setids(nrnran123_State* s, uint32_t id1, uint32_t id2, uint32_t id3) {
    s->c[1] = id3;
    s->c[2] = id1;
    s->c[3] = id2;
}

void nrnran123_getids(const nrnran123_State* s, uint32_t* id1, uint32_t* id2, uint32_t* id3) {
    *id1 = s->c[2];
    *id2 = s->c[3];
    *id3 = s->c[1];
}

void nrnran123_setseq(nrnran123_State* s, uint32_t seq, int which) {
    s->which = (which < 0 || which > 3) ? 0 : which;
    s->c[0] = seq;
    refill(s);
}

void nrnran123_init(nrnran123_State* s, uint32_t id1, uint32_t id2, uint32_t id3) {
    nrnran123_setids(s, id1, id2, id3);
    nrnran123_setseq(s, 0, 0);
}

void nrnran123_init_auto(nrnran123_State* s, uint32_t rank) {
    nrnran123_init(s, 1, rank, ++auto_id3_);
}

void nrnran123_setseq4(nrnran123_State* s, double seq4which) {
    /* 34-bit position; out-of-range values restart the stream */
    if (!(seq4which >= 0.0) || seq4which > 17179869183.0) {
        seq4which = 0.0;
    }
    uint64_t x = (uint64_t) seq4which;
    nrnran123_setseq(s, (uint32_t) (x >> 2), (int) (x & 3));
}

double nrnran123_getseq4(const nrnran123_State* s) {
    return (double) s->c[0] * 4.0 + (double) s->which;
}

uint32_t nrnran123_ipick(nrnran123_State* s) {
    uint32_t u = s->r[s->which++];
    if (s->which > 3) {
        /* the 128-bit counter advances with carry into the next word */
        s->which = 0;
        for (int i = 0; i < 4 && ++s->c[i] == 0; ++i) {
        }
        refill(s);
    }
    return u;
}

double nrnran123_dblpick(nrnran123_State* s) {
    /* (u + 1) / (2^32 + 1): never 0 or 1 */
    return ((double) nrnran123_ipick(s) + 1.0) * (1.0 / 4294967297.0);
}

double nrnran123_uniform(nrnran123_State* s, double low, double high) {
    return low + nrnran123_dblpick(s) * (high - low);
}

double nrnran123_negexp(nrnran123_State* s, double mean) {
    return -log(nrnran123_dblpick(s)) * mean;
}

double nrnran123_normal(nrnran123_State* s, double mu, double sigma) {
    /* polar method, first of the pair (no cache: streams must be restartable by seq) */
    double u1, u2, w;
    do {
        u1 = 2.0 * nrnran123_dblpick(s) - 1.0;
        u2 = 2.0 * nrnran123_dblpick(s) - 1.0;
        w = u1 * u1 + u2 * u2;
    } while (w > 1.0);
    return mu + u1 * sqrt((-2.0 * log(w)) / w) * sigma;
}

/* ---- MCellRan4 ---- */

void nrn_mcran4_set_lowindex(uint32_t low) {
    mcran4_lowindex_ = low;
}

uint32_t nrn_mcran4_get_lowindex(void) {
    return mcran4_lowindex_;
}

uint32_t nrn_mcran4_int(uint32_t* high, uint32_t low) {
    /* two rounds of a 32-bit mixing function over (index, low), index then advances */
    uint32_t n = (*high)++;
    uint32_t m = low;
    uint32_t w = n ^ 0xbaa96887u;
    uint32_t v = w >> 16;
    w &= 0xffffu;
    uint32_t u = ~((v - w) * (v + w));
    m ^= (((u >> 16) | (u << 16)) ^ 0x4b0f3b58u) + w * v;
    w = m ^ 0x1e17d32cu;
    v = w >> 16;
    w &= 0xffffu;
    u = ~((v - w) * (v + w));
    n ^= (((u >> 16) | (u << 16)) ^ 0xe874f0c3u) + w * v;
    return n;
}

double nrn_mcran4_dbl(uint32_t* high, uint32_t low) {
    return (double) nrn_mcran4_int(high, low) * (1.0 / 4294967296.0);
}

/* ---- generator of a Random object ---- */

void nrn_rng_random123(nrn_rng* g, uint32_t id1, uint32_t id2, uint32_t id3) {
    g->kind = NRN_RNG_RANDOM123;
    nrnran123_init(&g->r123, id1, id2, id3);
}

static uint32_t mcran4_pick_int(nrn_rng* g) {
    return nrn_mcran4_int(&g->mc_high, g->mc_low ? g->mc_low : mcran4_lowindex_);
}

uint32_t nrn_rng_mcellran4(nrn_rng* g, uint32_t high, uint32_t low) {
    g->kind = NRN_RNG_MCELLRAN4;
    g->mc_low = low;
    ++mcran4_count_;
    if (high == 0) {
        g->mc_high = mcran4_count_;
        g->mc_high = mcran4_pick_int(g);
    } else {
        g->mc_high = high;
    }
    g->mc_orig = g->mc_high;
    return g->mc_orig;
}

double nrn_rng_dbl(nrn_rng* g) {
    if (g->kind == NRN_RNG_MCELLRAN4) {
        return nrn_mcran4_dbl(&g->mc_high, g->mc_low ? g->mc_low : mcran4_lowindex_);
    }
    return nrnran123_dblpick(&g->r123);
}

void nrn_rng_reset(nrn_rng* g) {
    if (g->kind == NRN_RNG_MCELLRAN4) {
        g->mc_high = g->mc_orig;
    } else {
        nrnran123_setseq(&g->r123, 0, 0);
    }
}

/* ---- distributions ----
 * Parameter storage per kind:
 *   uniform      a = low, b = high - low (bounds ordered)
 *   discunif     a = low, b = high - low + 1 (bounds ordered, integers)
 *   normal       a = mean, b = standard deviation
 *   lognormal    a, b = mean and standard deviation of the underlying normal
 *   poisson      a = exp(-mean)
 *   binomial     n = trials, a = p
 *   geometric    a = p
 *   hypergeo     a = mean, b = split probability from mean and variance
 *   negexp       a = mean
 *   erlang       n = order, a = rate (order / mean)
 *   weibull      a = 1 / alpha, b = beta
 */

void nrn_rand_dist_set(nrn_rand_dist* d, int kind, double p1, double p2) {
    d->kind = kind;
    d->n = 0;
    d->a = 0.0;
    d->b = 0.0;
    d->have_cached = 0;
    d->cached = 0.0;
    switch (kind) {
    case NRN_DIST_UNIFORM: {
        double lo = p1 < p2 ? p1 : p2, hi = p1 < p2 ? p2 : p1;
        d->a = lo;
        d->b = hi - lo;
        break;
    }
    case NRN_DIST_DISCUNIF: {
        long lo = (long) p1, hi = (long) p2;
        if (hi < lo) {
            long t = lo;
            lo = hi;
            hi = t;
        }
        d->a = (double) lo;
        d->b = (double) (hi - lo) + 1.0;
        break;
    }
    case NRN_DIST_NORMAL:
        d->a = p1;
        d->b = sqrt(p2);
        break;
    case NRN_DIST_LOGNORMAL: {
        double m2 = p1 * p1;
        d->a = log(m2 / sqrt(p2 + m2));
        d->b = sqrt(log((p2 + m2) / m2));
        break;
    }
    case NRN_DIST_POISSON:
        d->a = exp(-1.0 * p1);
        break;
    case NRN_DIST_BINOMIAL:
        d->n = (int) p1;
        d->a = p2;
        break;
    case NRN_DIST_GEOMETRIC:
        d->a = p1;
        break;
    case NRN_DIST_HYPERGEO: {
        double z = p2 / (p1 * p1);
        d->a = p1;
        d->b = 0.5 * (1.0 - sqrt((z - 1.0) / (z + 1.0)));
        break;
    }
    case NRN_DIST_NEGEXP:
        d->a = p1;
        break;
    case NRN_DIST_ERLANG: {
        int k = (int) ((p1 * p1) / p2 + 0.5);
        d->n = k > 0 ? k : 1;
        d->a = d->n / p1;
        break;
    }
    case NRN_DIST_WEIBULL:
        d->a = 1.0 / p1;
        d->b = p2;
        break;
    default:
        break;
    }
}

static double polar_normal(nrn_rng* g, nrn_rand_dist* d) {
    /* polar method: returns the first of a pair, keeps the second for the next pick */
    if (d->have_cached) {
        d->have_cached = 0;
        return d->cached * d->b + d->a;
    }
    for (;;) {
        double v1 = 2.0 * nrn_rng_dbl(g) - 1.0;
        double v2 = 2.0 * nrn_rng_dbl(g) - 1.0;
        double w = v1 * v1 + v2 * v2;
        if (w <= 1.0) {
            double y = sqrt((-2.0 * log(w)) / w);
            d->have_cached = 1;
            d->cached = v2 * y;
            return (v1 * y) * d->b + d->a;
        }
    }
}

double nrn_rand_dist_pick(nrn_rng* g, nrn_rand_dist* d) {
    switch (d->kind) {
    case NRN_DIST_UNIFORM:
        return d->a + d->b * nrn_rng_dbl(g);
    case NRN_DIST_DISCUNIF:
        return (double) ((long) d->a + (long) floor(d->b * nrn_rng_dbl(g)));
    case NRN_DIST_NORMAL:
        return polar_normal(g, d);
    case NRN_DIST_LOGNORMAL:
        return pow(NRN_E, polar_normal(g, d));
    case NRN_DIST_POISSON: {
        int count = 0;
        for (double product = 1.0; product >= d->a; product *= nrn_rng_dbl(g)) {
            ++count;
        }
        return (double) (count - 1);
    }
    case NRN_DIST_BINOMIAL: {
        int s = 0;
        for (int i = 0; i < d->n; ++i) {
            if (nrn_rng_dbl(g) < d->a) {
                ++s;
            }
        }
        return (double) s;
    }
    case NRN_DIST_GEOMETRIC: {
        int samples = 1;
        while (nrn_rng_dbl(g) < d->a) {
            ++samples;
        }
        return (double) samples;
    }
    case NRN_DIST_HYPERGEO: {
        double p = (nrn_rng_dbl(g) > d->b) ? (1.0 - d->b) : d->b;
        return -d->a * log(nrn_rng_dbl(g)) / (2.0 * p);
    }
    case NRN_DIST_NEGEXP:
        return -d->a * log(nrn_rng_dbl(g));
    case NRN_DIST_ERLANG: {
        double prod = 1.0;
        for (int i = 0; i < d->n; ++i) {
            prod *= nrn_rng_dbl(g);
        }
        return -log(prod) / d->a;
    }
    case NRN_DIST_WEIBULL:
        return pow(d->b * (-log(1.0 - nrn_rng_dbl(g))), d->a);
    default:
        return 0.0;
    }
}

void nrn_rand_dist_fill(nrn_rng* g, nrn_rand_dist* d, double* out, int64_t n, int add) {
    if (add) {
        for (int64_t i = 0; i < n; ++i) {
            out[i] += nrn_rand_dist_pick(g, d);
        }
    } else {
        for (int64_t i = 0; i < n; ++i) {
            out[i] = nrn_rand_dist_pick(g, d);
        }
    }
}
