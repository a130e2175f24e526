/* random123_api.h -- random number streams with NEURON's conventions.
 *
 * Random123 Philox4x32-10 streams (nrnran123_*) serve NMODL RANDOM variables and the
 * Random class; MCellRan4 (nrn_mcran4_*) is the legacy hash generator that the Random
 * class and mcell_ran4() still offer.  The nrn_rng / nrn_rand_dist pair implements the
 * Random class: a generator plus the distribution last chosen, picked from C so that
 * Vector.setrand and Random.play cost no Python call per number.
 *
 * A stream's counter is {sequence, id3, id1, id2}; the key is {global index, 0}.  Each
 * Philox block yields four 32-bit words handed out in order; a word u becomes the double
 * (u + 1) / (2^32 + 1), strictly inside (0, 1).
 */
#ifndef NRN_RANDOM123_API_H
#define NRN_RANDOM123_API_H

#include <stdint.h>

typedef struct nrnran123_State {
    uint32_t c[4];  /* counter: c[0] sequence, c[1] id3, c[2] id1, c[3] id2 */
    uint32_t r[4];  /* Philox output for the current counter */
    int which;      /* next word of r to hand out, 0..3 */
} nrnran123_State;

/* The bare Philox4x32-10 bijection. */
void nrnran123_philox4x32(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4]);

/* Global index (key word 0) shared by all streams; streams already positioned keep the
 * block computed with the old index until they move to the next block or setseq. */
void nrnran123_set_globalindex(uint32_t gix);
uint32_t nrnran123_get_globalindex(void);

/* Stream set-up.  init_auto gives ids (1, rank, n) with n counting up from 1 per process,
 * the default stream of an NMODL RANDOM variable. */
void nrnran123_init(nrnran123_State* s, uint32_t id1, uint32_t id2, uint32_t id3);
void nrnran123_init_auto(nrnran123_State* s, uint32_t rank);
void nrnran123_setids(nrnran123_State* s, uint32_t id1, uint32_t id2, uint32_t id3);
void nrnran123_getids(const nrnran123_State* s, uint32_t* id1, uint32_t* id2, uint32_t* id3);
void nrnran123_setseq(nrnran123_State* s, uint32_t seq, int which);
/* The sequence position as one number, seq*4 + which (what HOC's Random.seq() shows). */
void nrnran123_setseq4(nrnran123_State* s, double seq4which);
double nrnran123_getseq4(const nrnran123_State* s);

/* Picks. */
uint32_t nrnran123_ipick(nrnran123_State* s);
double nrnran123_dblpick(nrnran123_State* s);
double nrnran123_uniform(nrnran123_State* s, double low, double high);
double nrnran123_negexp(nrnran123_State* s, double mean);
double nrnran123_normal(nrnran123_State* s, double mu, double sigma);

/* MCellRan4: a 64-bit hash of (high, low); high is advanced by one per pick. */
void nrn_mcran4_set_lowindex(uint32_t low);
uint32_t nrn_mcran4_get_lowindex(void);
uint32_t nrn_mcran4_int(uint32_t* high, uint32_t low);
double nrn_mcran4_dbl(uint32_t* high, uint32_t low);

/* The generator of a Random object. */
#define NRN_RNG_RANDOM123 0
#define NRN_RNG_MCELLRAN4 1
typedef struct nrn_rng {
    int kind;
    nrnran123_State r123;
    uint32_t mc_high;   /* MCellRan4 running index */
    uint32_t mc_orig;   /* MCellRan4 index at construction (reset target) */
    uint32_t mc_low;    /* 0: use the global low index */
} nrn_rng;

void nrn_rng_random123(nrn_rng* g, uint32_t id1, uint32_t id2, uint32_t id3);
/* Returns the starting index; high == 0 picks one from a per-process instance count. */
uint32_t nrn_rng_mcellran4(nrn_rng* g, uint32_t high, uint32_t low);
double nrn_rng_dbl(nrn_rng* g);
void nrn_rng_reset(nrn_rng* g);

/* The distributions of the Random class (the GNU libg++ algorithms NEURON uses). */
#define NRN_DIST_UNIFORM 0
#define NRN_DIST_DISCUNIF 1
#define NRN_DIST_NORMAL 2
#define NRN_DIST_LOGNORMAL 3
#define NRN_DIST_POISSON 4
#define NRN_DIST_BINOMIAL 5
#define NRN_DIST_GEOMETRIC 6
#define NRN_DIST_HYPERGEO 7
#define NRN_DIST_NEGEXP 8
#define NRN_DIST_ERLANG 9
#define NRN_DIST_WEIBULL 10
typedef struct nrn_rand_dist {
    int kind;
    int n;              /* binomial trials, Erlang order */
    double a, b;        /* kind-specific parameters, see nrn_rand_dist_set */
    int have_cached;    /* normal and lognormal produce pairs: the second is kept */
    double cached;
} nrn_rand_dist;

/* Parameters as the Random methods take them: uniform(low, high), discunif(low, high),
 * normal(mean, variance), lognormal(mean, variance), poisson(mean), binomial(n, p),
 * geometric(p), hypergeo(mean, variance), negexp(mean), erlang(mean, variance),
 * weibull(alpha, beta).  Unused parameters are ignored. */
void nrn_rand_dist_set(nrn_rand_dist* d, int kind, double p1, double p2);
double nrn_rand_dist_pick(nrn_rng* g, nrn_rand_dist* d);
/* out[i] = pick (add == 0) or out[i] += pick (add != 0), i = 0..n-1, in order. */
void nrn_rand_dist_fill(nrn_rng* g, nrn_rand_dist* d, double* out, int64_t n, int add);

/* A Random object as mechanisms see it (nrn_api.random_arg): its generator and distribution. */
typedef struct nrn_random_handle {
    nrn_rng* g;
    nrn_rand_dist* d;
} nrn_random_handle;

#endif /* NRN_RANDOM123_API_H */
