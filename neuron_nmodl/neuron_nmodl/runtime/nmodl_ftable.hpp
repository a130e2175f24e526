// nmodl_ftable.hpp -- FUNCTION_TABLE: a function of n arguments whose values are given from
// HOC/Python by table_<name>(...), looked up as NEURON's hoc_func_table does.
//
// table_<name>(value)                       a constant
// table_<name>(yvec, xvec)                  one argument, values at the points of xvec
// table_<name>(y, n1, min1, max1, ...)      per argument: its size, then min and max (evenly
// table_<name>(y, n1, x1, ...)              spaced) or the address/Vector of its points
// y (and any x) is an address (`vec._ref_x[0]`, through the engine's pgetarg service) or a
// Vector; the values of several arguments are in row order (the last argument varies
// fastest).  One argument: linear interpolation; two: bilinear; more: the value at the grid
// point at or below; outside a range the end value.  The values are copied when the table is
// given (NEURON keeps the Vectors and reads them at each lookup; a copy cannot outlive them).
#ifndef NMODL_FTABLE_HPP
#define NMODL_FTABLE_HPP

#include <cstdint>
#include <cstdio>
#include <vector>

namespace _nmodl_rt {

// The address an argument of the call in progress names (a `_ref_` or a Vector's data), or
// nullptr: the engine's pgetarg (NULL in an engine without it: then Vectors only).  *avail
// is how many values can be read there (-1: the engine does not say).
inline double* pointer_arg(int i, int64_t* avail) {
    double* p = g_api->pgetarg ? g_api->pgetarg(i) : nullptr;
    *avail = p && g_api->pgetarg_size ? g_api->pgetarg_size(i) : -1;
    if (!p && g_api->vector_arg) {
        nrn_vec* v = g_api->vector_arg(i);
        p = v ? v->data : nullptr;
        *avail = v ? v->size : -1;
    }
    return p;
}

// Whether argument i holds the `need` values read from it; NEURON's hoc_spec_table reads
// them unchecked, here a short array is an error.
inline bool enough_values(int i, int64_t avail, size_t need, const char* name) {
    if (avail >= 0 && (size_t) avail < need) {
        char buf[160];
        snprintf(buf, sizeof(buf), "argument %d of table_%s has %lld values, %zu needed", i,
                 name, (long long) avail, need);
        error("FUNCTION_TABLE:", buf);
        return false;
    }
    return true;
}

struct FunctionTable {
    struct Arg {
        int n = 1;
        const double* x = nullptr;   // the points (in xs), else evenly spaced from min to max
        std::vector<double> xs;
        double min = 1e20, max = 1e20;
        double frac = 0.;
    };
    const double* table = nullptr;   // &value or ys.data()
    std::vector<double> ys;
    std::vector<Arg> args;
    double value = 0.;

    int index(Arg& a, double x) const {
        a.frac = 0.;
        if (a.x) {
            int t0 = 0, t1 = a.n - 1;
            if (x <= a.x[t0]) {
                return 0;
            }
            if (x >= a.x[t1]) {
                return t1;
            }
            while (t0 < t1 - 1) {
                const int j = (t0 + t1) / 2;
                if (a.x[j] <= x) {
                    t0 = j;
                } else {
                    t1 = j;
                }
            }
            a.frac = (x - a.x[t0]) / (a.x[t0 + 1] - a.x[t0]);
            return t0;
        }
        if (x <= a.min) {
            return 0;
        }
        if (x >= a.max) {
            return a.n - 1;
        }
        const double d = (a.max - a.min) / ((double) (a.n - 1));
        const double x1 = (x - a.min) / d;
        const int j = (int) x1;
        a.frac = x1 - (double) j;
        return j;
    }

    static double inter(double frac, const double* tab, int j) {
        return frac > 0. ? (1. - frac) * tab[j] + frac * tab[j + 1] : tab[j];
    }

    double lookup(const double* x, int n, const char* name) {
        if (!table) {
            error("table not specified in hoc_func_table", name);
            return 0.;
        }
        if (value != 0. && args[0].n == 1) {
            return value;
        }
        int j = 0;
        for (int i = 0; i < n; ++i) {
            j = j * args[i].n + index(args[i], x[i]);
        }
        if (n == 1) {
            return inter(args[0].frac, table, j);
        }
        if (n == 2) {
            const double fy = args[1].frac;
            const double y1 = inter(fy, table, j);
            if (args[0].frac == 0.) {
                return y1;
            }
            const double y2 = inter(fy, table, j + args[1].n);
            return args[0].frac > 0. ? (1. - args[0].frac) * y1 + args[0].frac * y2 : y1;
        }
        return table[j];
    }

    // table_<name>(...) with the arguments of the call in progress.
    void set_from_args(int n, const char* name) {
        const nrn_api* api = g_api;
        args.assign(n, Arg());
        table = nullptr;   // until the new table is complete (an error leaves none)
        value = 0.;
        if (!api->ifarg(2)) {
            value = *api->getarg(1);
            table = &value;
            return;
        }
        nrn_vec* v1 = api->vector_arg(1);
        nrn_vec* v2 = api->vector_arg(2);
        if (v1 && v2) {
            if (n > 1) {
                error("Vector arguments allowed only for functions", "of one variable");
                return;
            }
            if (v1->size != v2->size) {
                error("Vector arguments not same size", nullptr);
                return;
            }
            ys.assign(v1->data, v1->data + v1->size);
            table = ys.data();
            args[0].n = (int) v2->size;
            args[0].xs.assign(v2->data, v2->data + v2->size);
            args[0].x = args[0].xs.data();
            return;
        }
        int64_t ntab;
        const double* tab = pointer_arg(1, &ntab);
        if (!tab) {
            error("FUNCTION_TABLE: the first argument must be an address or a Vector:", name);
            return;
        }
        int k = 2;
        for (int i = 0; i < n; ++i) {
            Arg& a = args[i];
            a.n = (int) *api->getarg(k++);
            if (a.n < 1) {
                error("size arg < 1 in hoc_spec_table", nullptr);
                return;
            }
            int64_t nx = -1;
            double* px = api->ifarg(k) ? pointer_arg(k, &nx) : nullptr;
            if (px) {
                if (!enough_values(k, nx, (size_t) a.n, name)) {
                    return;
                }
                a.xs.assign(px, px + a.n);
                a.x = a.xs.data();
                ++k;
            } else {
                a.min = *api->getarg(k++);
                a.max = *api->getarg(k++);
                if (a.max < a.min) {
                    error("min > max in hoc_spec_table", nullptr);
                    return;
                }
            }
        }
        size_t size = 1;
        for (const Arg& a : args) {
            size *= (size_t) a.n;
        }
        if (!enough_values(1, ntab, size, name)) {
            return;
        }
        ys.assign(tab, tab + size);
        table = ys.data();
    }
};

}  // namespace _nmodl_rt

#endif
