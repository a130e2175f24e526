/* vec.c -- appending to Python-owned vectors from C.  Growth asks Python for a larger
 * buffer (nrnpy_vec_grow), so a numpy view handed out earlier stays valid memory. */
#include "engine_int.h"

void nrn_vec_reserve(nrn_vec* v, int64_t n) {
    if (n > v->cap) {
        nrnpy_vec_grow(v, n);
    }
}

void nrn_vec_append(nrn_vec* v, double x) {
    if (v->size >= v->cap) {
        int64_t want = v->cap < 16 ? 32 : 2 * v->cap;
        nrnpy_vec_grow(v, want);
        if (v->size >= v->cap) {
            nrn_error("could not grow a Vector while recording", NULL);
            return;
        }
    }
    v->data[v->size++] = x;
}
