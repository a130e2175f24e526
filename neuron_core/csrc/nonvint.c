/* nonvint.c -- the registry of non-voltage blocks (see nonvint_api.h). */
#include "engine_int.h"
#include "nonvint_api.h"

#define MAXNV 32
static nrn_nonvint_fn fns[MAXNV];
static void* datas[MAXNV];

int nrn_nonvint_register(nrn_nonvint_fn fn, void* data) {
    for (int i = 0; i < MAXNV; ++i) {
        if (!fns[i]) {
            fns[i] = fn;
            datas[i] = data;
            return i;
        }
    }
    return -1;
}

void nrn_nonvint_unregister(int id) {
    if (id >= 0 && id < MAXNV) {
        fns[id] = NULL;
        datas[id] = NULL;
    }
}

void nrn_nonvint_call(int phase) {
    for (int i = 0; i < MAXNV && !nrn_eng.errored; ++i) {
        if (fns[i]) {
            fns[i](&nrn_eng.ctx, phase, datas[i]);
        }
    }
}

int nrn_nonvint_count(void) {
    int n = 0;
    for (int i = 0; i < MAXNV; ++i) {
        n += fns[i] != NULL;
    }
    return n;
}
