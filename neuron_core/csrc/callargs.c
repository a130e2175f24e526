/* callargs.c -- arguments of a FUNCTION/PROCEDURE call from Python or HOC, for VERBATIM code
 * that reads them with ifarg/getarg/gargstr/vector_arg as NEURON's mechanisms do. */
#include "engine_int.h"

static int cur_n;
static double* cur_x;
static nrn_vec** cur_vec;
static const char** cur_str;

void nrn_set_call_args(int n, double* x, nrn_vec** vec, const char** str) {
    cur_n = n;
    cur_x = x;
    cur_vec = vec;
    cur_str = str;
}

static int api_ifarg(int i) { return i >= 1 && i <= cur_n; }

static double* api_getarg(int i) {
    if (!api_ifarg(i) || !cur_x) {
        nrn_error("getarg: no such argument", NULL);
        static double zero = 0.;
        return &zero;
    }
    return cur_x + (i - 1);
}

/* NULL when argument i is not a string (callers use this to test the argument's type). */
static const char* api_gargstr(int i) {
    if (!api_ifarg(i) || !cur_str) {
        return NULL;
    }
    return cur_str[i - 1];
}

/* NULL when argument i is not a Vector. */
static nrn_vec* api_vector_arg(int i) {
    if (!api_ifarg(i) || !cur_vec) {
        return NULL;
    }
    return cur_vec[i - 1];
}

static void api_vector_resize(nrn_vec* v, int64_t n) {
    if (!v) {
        return;
    }
    if (n > v->cap) {
        nrnpy_vec_grow(v, n);
    }
    if (n <= v->cap) {
        v->size = n;
    }
}

void nrn_callargs_install(nrn_api* a) {
    a->ifarg = api_ifarg;
    a->getarg = api_getarg;
    a->gargstr = api_gargstr;
    a->vector_arg = api_vector_arg;
    a->vector_resize = api_vector_resize;
}
