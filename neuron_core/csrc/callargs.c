/* callargs.c -- arguments of a FUNCTION/PROCEDURE call from Python or HOC, for VERBATIM code
 * that reads them with ifarg/getarg/gargstr/vector_arg as NEURON's mechanisms do, and for
 * pgetarg (hoc_pgetarg: FUNCTION_TABLE's table_<name>, VERBATIM code). */
#include "engine_int.h"
#include "random123_api.h"

static int cur_n;
static double* cur_x;
static nrn_vec** cur_vec;
static const char** cur_str;
static double** cur_ptr;
static int64_t* cur_ptrsize;
static void** cur_rand;

void nrn_set_call_args(int n, double* x, nrn_vec** vec, const char** str, double** ptr,
                       int64_t* ptrsize) {
    cur_n = n;
    cur_x = x;
    cur_vec = vec;
    cur_str = str;
    cur_ptr = ptr;
    cur_ptrsize = ptrsize;
}

/* Random objects among the arguments (nrn_random_handle*, NULL elsewhere); NULL: none. */
void nrn_set_call_randoms(void** rand) { cur_rand = rand; }

static int api_ifarg(int i) { return i >= 1 && i <= cur_n; }

static void* api_random_arg(int i) {
    if (!api_ifarg(i) || !cur_rand) {
        return NULL;
    }
    return cur_rand[i - 1];
}

static double api_random_pick(void* r) {
    nrn_random_handle* h = (nrn_random_handle*) r;
    if (!h) {
        nrn_error("nrn_random_pick: no Random object", NULL);
        return 0.;
    }
    return nrn_rand_dist_pick(h->g, h->d);
}

static int api_random_ids123(void* r, uint32_t* id1, uint32_t* id2, uint32_t* id3) {
    nrn_random_handle* h = (nrn_random_handle*) r;
    if (!h || h->g->kind != NRN_RNG_RANDOM123) {
        return 0;
    }
    nrnran123_getids(&h->g->r123, id1, id2, id3);
    return 1;
}

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

/* The address argument i names (a `_ref_`), or a Vector argument's data; NULL otherwise. */
static double* api_pgetarg(int i) {
    if (!api_ifarg(i)) {
        return NULL;
    }
    if (cur_ptr && cur_ptr[i - 1]) {
        return cur_ptr[i - 1];
    }
    if (cur_vec && cur_vec[i - 1] && cur_vec[i - 1]->size > 0) {
        return cur_vec[i - 1]->data;
    }
    return NULL;
}

/* The doubles readable from api_pgetarg(i). */
static int64_t api_pgetarg_size(int i) {
    if (!api_ifarg(i)) {
        return 0;
    }
    if (cur_ptr && cur_ptr[i - 1]) {
        return cur_ptrsize ? cur_ptrsize[i - 1] : 1;
    }
    if (cur_vec && cur_vec[i - 1] && cur_vec[i - 1]->size > 0) {
        return cur_vec[i - 1]->size;
    }
    return 0;
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
    a->pgetarg = api_pgetarg;
    a->pgetarg_size = api_pgetarg_size;
    a->random_arg = api_random_arg;
    a->random_pick = api_random_pick;
    a->random_ids123 = api_random_ids123;
}
