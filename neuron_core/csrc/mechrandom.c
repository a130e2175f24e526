/* mechrandom.c -- NMODL RANDOM builtins for compiled mechanisms: each RANDOM variable's pointer
 * slot holds a Random123 stream (nrnran123_State) owned by the engine's Python side. */
#include "engine_int.h"
#include "random123_api.h"

#define S(p) ((nrnran123_State*)(void*)(p))

static double r_uniform(double* s) { return nrnran123_dblpick(S(s)); }
static double r_normal(double* s) { return nrnran123_normal(S(s), 0.0, 1.0); }
static double r_negexp(double* s) { return nrnran123_negexp(S(s), 1.0); }
static double r_uniform_ab(double* s, double a, double b) { return nrnran123_uniform(S(s), a, b); }
static double r_negexp_mean(double* s, double mean) { return nrnran123_negexp(S(s), mean); }
static double r_normal_ms(double* s, double m, double sd) { return nrnran123_normal(S(s), m, sd); }
static double r_ipick(double* s) { return (double)nrnran123_ipick(S(s)); }
static void r_setids(double* s, double a, double b, double c) {
    nrnran123_setids(S(s), (uint32_t)a, (uint32_t)b, (uint32_t)c);
}
static void r_setseq(double* s, double seq) { nrnran123_setseq4(S(s), seq); }

/* scop_random(): NEURON's legacy uniform generator for mechanisms without RANDOM. */
static nrnran123_State scop_state = {{0, 0, 1, 0}, {0, 0, 0, 0}, 4};
static double r_scop(void) { return nrnran123_dblpick(&scop_state); }

void nrn_random_install(nrn_api* a) {
    a->random_uniform = r_uniform;
    a->random_normal = r_normal;
    a->random_negexp = r_negexp;
    a->scop_random = r_scop;
    a->random_setids = r_setids;
    a->random_setseq = r_setseq;
    a->random_ipick = r_ipick;
    a->random_uniform_ab = r_uniform_ab;
    a->random_negexp_mean = r_negexp_mean;
    a->random_normal_ms = r_normal_ms;
}
