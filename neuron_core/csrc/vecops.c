/* vecops.c -- element loops of the Vector class (see vecops_api.h).
 *
 * Floating-point contraction is off so that a*b + c is two roundings, as in NEURON's
 * build, whatever the target's FMA support. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "vecops_api.h"

double nrn_vecops_sum(const double* x, int64_t n) {
    double s = 0.0;
    for (int64_t i = 0; i < n; ++i) {
        s += x[i];
    }
    return s;
}

void nrn_vecops_indgen(double* x, int64_t n, double start, double step) {
    for (int64_t i = 0; i < n; ++i) {
        x[i] = (double) i * step + start;
    }
}

void nrn_vecops_scalar(double* x, int64_t n, double a, int op) {
    int64_t i;
    switch (op) {
    case NRN_VECOPS_ADD:
        for (i = 0; i < n; ++i) x[i] += a;
        break;
    case NRN_VECOPS_SUB:
        for (i = 0; i < n; ++i) x[i] -= a;
        break;
    case NRN_VECOPS_MUL:
        for (i = 0; i < n; ++i) x[i] *= a;
        break;
    default:
        for (i = 0; i < n; ++i) x[i] /= a;
        break;
    }
}

void nrn_vecops_vector(double* x, const double* y, int64_t n, int op) {
    int64_t i;
    switch (op) {
    case NRN_VECOPS_ADD:
        for (i = 0; i < n; ++i) x[i] += y[i];
        break;
    case NRN_VECOPS_SUB:
        for (i = 0; i < n; ++i) x[i] -= y[i];
        break;
    case NRN_VECOPS_MUL:
        for (i = 0; i < n; ++i) x[i] *= y[i];
        break;
    default:
        for (i = 0; i < n; ++i) x[i] /= y[i];
        break;
    }
}
