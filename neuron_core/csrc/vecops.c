/* vecops.c -- element loops of the Vector class (see vecops_api.h).
 *
 * Floating-point contraction is off so that a*b + c is two roundings, as in NEURON's
 * build, whatever the target's FMA support. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include <string.h>

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

/* ---- sort: libstdc++'s std::sort step by step (introsort: median-of-three quicksort down
 * to runs of 16, heapsort past 2*log2(n) levels, then one insertion sort).  The loops that
 * libstdc++ leaves unguarded (they rely on a consistent order) keep a bounds check, which
 * only matters with NaNs. */

#define SORT_THRESHOLD 16

static void sort_swap(double* a, double* b) {
    double t = *a;
    *a = *b;
    *b = t;
}

static void move_median_to_first(double* result, double* a, double* b, double* c) {
    if (*a < *b) {
        if (*b < *c) {
            sort_swap(result, b);
        } else if (*a < *c) {
            sort_swap(result, c);
        } else {
            sort_swap(result, a);
        }
    } else if (*a < *c) {
        sort_swap(result, a);
    } else if (*b < *c) {
        sort_swap(result, c);
    } else {
        sort_swap(result, b);
    }
}

/* Partition [first, last) around *pivot (which sits just before first). */
static double* unguarded_partition(double* first, double* last, const double* pivot) {
    double* end = last;
    for (;;) {
        while (first < end && *first < *pivot) {
            ++first;
        }
        --last;
        while (last > pivot && *pivot < *last) {
            --last;
        }
        if (!(first < last)) {
            return first;
        }
        sort_swap(first, last);
        ++first;
    }
}

static void push_heap(double* first, int64_t hole, int64_t top, double value) {
    int64_t parent = (hole - 1) / 2;
    while (hole > top && first[parent] < value) {
        first[hole] = first[parent];
        hole = parent;
        parent = (hole - 1) / 2;
    }
    first[hole] = value;
}

static void adjust_heap(double* first, int64_t hole, int64_t len, double value) {
    int64_t top = hole;
    int64_t child = hole;
    while (child < (len - 1) / 2) {
        child = 2 * (child + 1);
        if (first[child] < first[child - 1]) {
            child--;
        }
        first[hole] = first[child];
        hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
        child = 2 * (child + 1);
        first[hole] = first[child - 1];
        hole = child - 1;
    }
    push_heap(first, hole, top, value);
}

static void heap_sort(double* first, double* last) {
    int64_t len = last - first;
    if (len >= 2) {
        for (int64_t parent = (len - 2) / 2;; parent--) {
            adjust_heap(first, parent, len, first[parent]);
            if (parent == 0) {
                break;
            }
        }
    }
    while (last - first > 1) {
        --last;
        double value = *last;
        *last = *first;
        adjust_heap(first, 0, last - first, value);
    }
}

static void introsort_loop(double* first, double* last, int depth_limit) {
    while (last - first > SORT_THRESHOLD) {
        if (depth_limit == 0) {
            heap_sort(first, last);
            return;
        }
        --depth_limit;
        double* mid = first + (last - first) / 2;
        move_median_to_first(first, first + 1, mid, last - 1);
        double* cut = unguarded_partition(first + 1, last, first);
        introsort_loop(cut, last, depth_limit);
        last = cut;
    }
}

/* Move *i left into place; stops at base (libstdc++ relies on a smaller element ahead). */
static void linear_insert(double* base, double* i) {
    double value = *i;
    double* next = i - 1;
    while (next >= base && value < *next) {
        *i = *next;
        i = next;
        --next;
    }
    *i = value;
}

static void insertion_sort(double* first, double* last) {
    if (first == last) {
        return;
    }
    for (double* i = first + 1; i != last; ++i) {
        if (*i < *first) {
            double value = *i;
            for (double* j = i; j != first; --j) {
                *j = *(j - 1);
            }
            *first = value;
        } else {
            linear_insert(first, i);
        }
    }
}

/* True when x is ascending and equal neighbours are the same bits: every sorting
 * permutation leaves such an array as it is, so there is nothing to do. */
static int sort_is_identity(const double* x, int64_t n) {
    for (int64_t i = 1; i < n; ++i) {
        if (!(x[i - 1] < x[i])) {
            uint64_t a, b;
            memcpy(&a, x + i - 1, sizeof a);
            memcpy(&b, x + i, sizeof b);
            if (a != b) {
                return 0;
            }
        }
    }
    return 1;
}

void nrn_vecops_sort(double* x, int64_t n) {
    if (n < 2 || sort_is_identity(x, n)) {
        return;
    }
    int lg = 63 - __builtin_clzll((unsigned long long) n);
    introsort_loop(x, x + n, 2 * lg);
    if (n > SORT_THRESHOLD) {
        insertion_sort(x, x + SORT_THRESHOLD);
        for (double* i = x + SORT_THRESHOLD; i != x + n; ++i) {
            linear_insert(x, i);
        }
    } else {
        insertion_sort(x, x + n);
    }
}
