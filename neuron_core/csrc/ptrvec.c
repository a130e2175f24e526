/* ptrvec.c -- PtrVector: copy between a contiguous array and n variables given by address
 * (LFPy gathers every segment's i_membrane_ this way at each step). */
#include <stdint.h>

#include "ptrvec_api.h"

void nrn_ptrvec_gather(double** ptr, int64_t n, double* out) {
    for (int64_t i = 0; i < n; ++i) {
        out[i] = *ptr[i];
    }
}

void nrn_ptrvec_scatter(double** ptr, int64_t n, const double* in) {
    for (int64_t i = 0; i < n; ++i) {
        *ptr[i] = in[i];
    }
}
