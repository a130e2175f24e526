// nmodl_ldifus.hpp -- LONGITUDINAL_DIFFUSION: a STATE diffusing along the cable between the
// instances of its mechanism, as NEURON computes it.
//
// The engine gives, for the instances of one call (in node order, so a parent comes before
// its children), pin[i]: the instance the diffusion couples i to on the side of the root (-1:
// none), and af[i], bf[i]: NEURON's geometry factors 2*rall/dxp/(dxc + dxp) and
// 2/dxc/(dxc + dxp) (dxc, dxp the segment lengths of i's section and of pin[i]'s, rall the
// section's rallbranch at its first segment, else 1).  The mechanism gives per instance dc
// (diffusion constant times cross-sectional area), vol (the COMPARTMENT volume per length)
// and dfdc (d flux/d concentration from an ion current, for the variable-step Jacobian).
//
//   method 0  after the states of a fixed step: x <- backward-Euler diffusion over dt
//   method 1  variable step, f(y): D += the diffusion fluxes
//   method 2  variable step, Newton solve: D <- (1/dt + J)^-1 D/dt with dt = gamma
#ifndef NMODL_LDIFUS_HPP
#define NMODL_LDIFUS_HPP

#include <cmath>
#include <vector>

namespace _nmodl_rt {

struct LDifusWork {
    std::vector<double> a, b, d, rhs, dc, vol, dfdc, x;
    void size(int n) {
        for (auto* v : {&a, &b, &d, &rhs, &dc, &vol, &dfdc, &x}) {
            if ((int) v->size() < n) {
                v->resize(n);
            }
        }
    }
};

inline LDifusWork& ldifus_work(int n) {
    static thread_local LDifusWork w;
    w.size(n);
    return w;
}

// Off-diagonal coupling of i to its parent (sign -1 for the matrix, +1 for the fluxes).
inline void ldifus_coupling(int n, const int* pin, const double* af, const double* bf,
                            double sign, LDifusWork& w) {
    for (int i = 0; i < n; ++i) {
        const int p = pin[i];
        if (p > -1) {
            const double dc = (w.dc[i] + w.dc[p]) / 2.;   // D * area between compartments
            w.a[i] = sign * af[i] * dc / w.vol[p];
            w.b[i] = sign * bf[i] * dc / w.vol[i];
        }
    }
}

// The tree matrix (d given, a/b couplings) with right-hand side `b`/dt; the solution in w.rhs.
inline void ldifus_tree_solve(int n, const int* pin, double dt, const double* b, LDifusWork& w) {
    for (int i = 0; i < n; ++i) {
        const int p = pin[i];
        w.d[i] += 1. / dt;
        w.rhs[i] = b[i] / dt;
        if (p > -1) {
            w.d[i] -= w.b[i];
            w.d[p] -= w.a[i];
        }
    }
    for (int i = n - 1; i > 0; --i) {
        const int p = pin[i];
        if (p > -1) {
            const double f = w.a[i] / w.d[i];
            w.d[p] -= f * w.b[i];
            w.rhs[p] -= f * w.rhs[i];
        }
    }
    for (int i = 0; i < n; ++i) {
        const int p = pin[i];
        if (p > -1) {
            w.rhs[i] -= w.b[i] * w.rhs[p];
        }
        w.rhs[i] /= w.d[i];
    }
}

// One diffusing state element: x the state of each instance, dx its D column.
inline void ldifus(int method, int n, const int* pin, const double* af, const double* bf,
                   double dt, double* x, double* dx, LDifusWork& w) {
    if (method == 1) {
        ldifus_coupling(n, pin, af, bf, 1., w);
        for (int i = 0; i < n; ++i) {
            const int p = pin[i];
            if (p > -1) {
                const double dif = x[p] - x[i];
                dx[i] += dif * w.b[i];
                dx[p] -= dif * w.a[i];
            }
        }
        return;
    }
    for (int i = 0; i < n; ++i) {
        w.d[i] = 0.;
        if (method == 2 && w.dfdc[i] != 0.) {
            w.d[i] += std::fabs(w.dfdc[i]) / w.vol[i] / x[i];
        }
    }
    ldifus_coupling(n, pin, af, bf, -1., w);
    double* out = method == 0 ? x : dx;
    ldifus_tree_solve(n, pin, dt, out, w);
    for (int i = 0; i < n; ++i) {
        out[i] = w.rhs[i];
    }
}

}  // namespace _nmodl_rt

#endif
