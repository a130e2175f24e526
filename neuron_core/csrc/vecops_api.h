/* vecops_api.h -- element loops of the Vector class, in C for speed.
 *
 * Each works on a raw buffer of n doubles owned by a numpy array.  They round exactly as
 * NEURON's Vector methods do: sums run left to right from 0.0 (std::accumulate), indgen
 * computes i*step + start without a fused multiply-add, element operations are single IEEE
 * operations, and sort moves elements as std::sort does.
 */
#ifndef NRN_VECOPS_API_H
#define NRN_VECOPS_API_H

#include <stdint.h>

#define NRN_VECOPS_ADD 0
#define NRN_VECOPS_SUB 1
#define NRN_VECOPS_MUL 2
#define NRN_VECOPS_DIV 3

/* 0.0 + x[0] + x[1] + ... in this order. */
double nrn_vecops_sum(const double* x, int64_t n);

/* x[i] = i*step + start. */
void nrn_vecops_indgen(double* x, int64_t n, double start, double step);

/* x[i] = x[i] op a (op one of NRN_VECOPS_*). */
void nrn_vecops_scalar(double* x, int64_t n, double a, int op);

/* x[i] = x[i] op y[i]; y may be x. */
void nrn_vecops_vector(double* x, const double* y, int64_t n, int op);

/* Ascending sort by `<`, the same permutation as libstdc++'s std::sort (introsort), so that
 * equal values of different sign (-0.0, 0.0) and NaNs end where NEURON puts them. */
void nrn_vecops_sort(double* x, int64_t n);

#endif
