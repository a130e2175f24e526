// nmodl_runtime.hpp -- helpers shared by the C++ that neuron_nmodl generates from .mod files.
//
// Header-only (everything inline) so a mechanism library needs nothing but this file and
// nrn_mech_abi.h.  The numerical methods reproduce NEURON's scopmath algorithms (same
// iteration rules and tolerances) so results agree with NEURON to round-off:
//   newton:   finite-difference Jacobian (central, step max(|0.02 x|, 1e-6)), recomputed
//             while the relative change exceeds 0.05; converged when the relative change
//             <= 1e-6 and every residual <= 1e-8; at most 50 iterations.
//   sparse:   backward Euler for KINETIC schemes: Newton steps on the assembled system until
//             sum |dx| <= 1e-6 (one step when the scheme is linear).
#ifndef NMODL_RUNTIME_HPP
#define NMODL_RUNTIME_HPP

#include <cassert>
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <vector>
// The C headers too, before any mechanism macro: VERBATIM code includes them after the
// generated code has defined its variable names (a variable named rand, time, ...), which
// must not reach the declarations inside them.
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nrn_mech_abi.h"
#include "nrnran123.h"

#if defined(NMODL_SIMD_EXP) && defined(__x86_64__) && defined(__GLIBC__)
// glibc's libmvec has vector versions of exp; declaring them lets the compiler vectorise
// loops that call exp (the vector results differ from scalar exp by a few ulp at most).
extern "C" double exp(double) noexcept __attribute__((__simd__("notinbranch")));
#endif

// Instances per block in kernels that keep intermediate results in local arrays.
#define NMODL_BLOCK 256
// Point processes at one node from which their currents are summed in partial sums.
#define NMODL_RUN_SUMS 8

namespace _nmodl_rt {

// The api table of the engine that loaded this library (set by nrn_mech_lib_init).
inline const nrn_api* g_api = nullptr;
inline int g_exp_warnings = 0;

inline void message(const char* fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (g_api && g_api->printf_) {
        g_api->printf_("%s", buf);
    } else {
        fputs(buf, stderr);
    }
}

// printf of NMODL code: through the engine so Python sees the output.
inline int nrn_printf(const char* fmt, ...) {
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (g_api && g_api->printf_) {
        g_api->printf_("%s", buf);
    } else {
        fputs(buf, stdout);
    }
    return n;
}

inline void error(const char* msg, const char* detail = nullptr) {
    if (g_api && g_api->error) {
        g_api->error(msg, detail);
    } else {
        fprintf(stderr, "%s %s\n", msg, detail ? detail : "");
    }
}

// exp of NMODL code: NEURON's guard (0 below -700, exp(700) above 700), written without
// branches so the loops over instances stay vectorisable (the SIMD exp of libmvec is used
// when the build defines NMODL_SIMD_EXP).  The overflow warning of hoc_Exp is kept for
// VERBATIM code, which calls hoc_Exp.
inline double hoc_exp(double x) {
    double r = exp(x);
    r = x > 700. ? 1.0142320547350045e+304 : r;
    return x < -700. ? 0. : r;
}

// hoc_exp through the C library's scalar exp (correctly rounded, NEURON's values), for
// loops that run rarely: not inlined, so the loop calling it is not vectorised.
__attribute__((noinline)) inline double hoc_exp_scalar(double x) { return hoc_exp(x); }

inline double hoc_exp_warn(double x) {
    if (x < -700.) {
        return 0.;
    }
    if (x > 700.) {
        if (++g_exp_warnings < 5) {
            message("exp(%g) out of range, returning exp(700)\n", x);
        } else if (g_exp_warnings == 5) {
            message("No more errno warnings during this execution\n");
        }
        return exp(700.);
    }
    return exp(x);
}

// Point processes are sorted by node: the end of the run of instances at node ni[k] in
// ni[k..n), comparing eight entries at a time.
inline int run_end(const int* __restrict__ ni, int k, int n) {
    const int nd = ni[k];
    int e = k + 1;
    for (; e + 8 <= n; e += 8) {
        int same = 1;
        for (int l = 0; l < 8; ++l) {
            same &= ni[e + l] == nd;
        }
        if (!same) {
            break;
        }
    }
    while (e < n && ni[e] == nd) {
        ++e;
    }
    return e;
}

// Sums of x[0..n) and y[0..n), each in eight partial sums added pairwise at the end, so
// the additions do not wait on one another (one SIMD register of partial sums).
inline void sum2(const double* __restrict__ x, const double* __restrict__ y, int n,
                 double& sx, double& sy) {
    typedef double v8 __attribute__((vector_size(64)));
    v8 ax = {0., 0., 0., 0., 0., 0., 0., 0.}, ay = ax;
    int j = 0;
    for (; j + 8 <= n; j += 8) {
        v8 a, b;
        memcpy(&a, x + j, sizeof a);
        memcpy(&b, y + j, sizeof b);
        ax += a;
        ay += b;
    }
    for (int l = 0; j < n; ++j, ++l) {
        ax[l] += x[j];
        ay[l] += y[j];
    }
    sx = ((ax[0] + ax[1]) + (ax[2] + ax[3])) + ((ax[4] + ax[5]) + (ax[6] + ax[7]));
    sy = ((ay[0] + ay[1]) + (ay[2] + ay[3])) + ((ay[4] + ay[5]) + (ay[6] + ay[7]));
}

// Bitwise equality (tells -0 from 0; a NaN equals itself), for cached coefficients.
inline int same_bits(double a, double b) {
    uint64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

// x / (exp(x) - 1) with its limit at 0 (NEURON's exprelr).
inline double exprelr(double x) {
    if (fabs(x) < 1e-5) {
        return 1. - x / 2.;
    }
    return x / expm1(x);
}

constexpr double FARADAY = 96485.33212331001;   // C/mol, CODATA 2018
constexpr double GASCONSTANT = 8.31446261815324; // J/(K mol), CODATA 2018

inline double ktf(double celsius) { return 1000. * GASCONSTANT * (celsius + 273.15) / FARADAY; }

inline double nernst(double ci, double co, double z, double celsius) {
    if (z == 0.) {
        return 0.;
    }
    if (ci <= 0.) {
        return 1e6;
    }
    if (co <= 0.) {
        return -1e6;
    }
    return ktf(celsius) / z * log(co / ci);
}

inline double ghk_efun(double x) {
    if (fabs(x) < 1e-4) {
        return 1. - x / 2.;
    }
    return x / (exp(x) - 1.);
}

// Goldman-Hodgkin-Katz current (mA/cm2 per cm/s of permeability), NEURON's nrn_ghk.
inline double ghk(double v, double ci, double co, double z, double celsius) {
    double temp = z * v / ktf(celsius);
    double eco = co * ghk_efun(temp);
    double eci = ci * ghk_efun(-temp);
    return .001 * z * FARADAY * (eci - eco);
}

// scopmath's legacy generator: a 32-bit linear congruential sequence seeded by set_seed()
// (seed 1 by default), one stream shared by the mechanisms of this library.
inline uint32_t& scop_seed() {
    static uint32_t value = 1;
    return value;
}

inline void set_seed(double seed) { scop_seed() = (uint32_t) seed; }

inline double scop_random() {
    uint32_t& value = scop_seed();
    value = 2147437301u * value + 453816981u;
    return fabs((double) value / (double) 0xFFFFFFFFu);
}

inline double exprand(double mean) { return -mean * log(scop_random()); }

// Polar method, as scopmath's normrand.
inline double normrand(double mean, double sd) {
    double s = 1., v1 = 0., v2 = 0.;
    while (s >= 1.) {
        v1 = 2. * scop_random() - 1.;
        v2 = 2. * scop_random() - 1.;
        s = v1 * v1 + v2 * v2;
    }
    return v1 * sqrt(-2. * log(s) / s) * sd + mean;
}

inline double poisrand(double mean) {
    int n = 0;
    double s = exp(-mean), q = 1.;
    while (q >= s) {
        q *= scop_random();
        ++n;
    }
    return n - 1;
}

inline double factorial(double n) {
    double r = 1.;
    for (int i = 2; i <= (int) n; ++i) {
        r *= i;
    }
    return r;
}

// scopmath's waveform helpers (rarely used)
inline double sigmoid(double x, double a, double b, double c) { return a / (1. + exp(-b * (x - c))); }
inline double step_fn(double t, double t0) { return t >= t0 ? 1. : 0.; }

// ---------------------------------------------------------------- engine services

// `_nt->_t`, `_nt->_dt` of NEURON's NrnThread, for VERBATIM code written against it.
struct NtView {
    double& _t;
    double& _dt;
    NtView* operator->() { return this; }
};
inline NtView nt_view(nrn_ctx* c) { return NtView{c->t, c->dt}; }
// NEURON's `nrn_threads` (its first thread) in VERBATIM tests such as `_nt != nrn_threads`
// ("legacy random numbers only on the main thread"): every thread's context stands for the
// first thread here, so the test passes on any thread (with ParallelContext.nthread > 1 NEURON
// would stop such code with its own error instead).
struct NrnThreadsTag {};
inline bool operator==(const NtView&, NrnThreadsTag) { return true; }
inline bool operator!=(const NtView&, NrnThreadsTag) { return false; }

inline int at_time(nrn_ctx* ctx, double te) {
    return ctx->api->at_time ? ctx->api->at_time(ctx, te) : 0;
}

// Engine services an older engine may lack (NULL fields of nrn_api): FOR_NETCONS (the weight
// vectors of the NetCons targeting an instance) and fake_fire (a spike of a gid's input
// source, NEURON's nrn_fake_fire, for PatternStim); pgetarg is used by nmodl_ftable.hpp.
typedef int (*for_netcons_fn)(nrn_ctx*, nrn_mech*, int, double**, int);
typedef void (*fake_fire_fn)(int gid, double t, int fake_out);

inline void missing_service(const char* what) {
    static int warned = 0;
    if (!warned) {
        warned = 1;
        message("warning: the simulation engine does not provide %s\n", what);
    }
}

inline void random_setseq(double* s, double seq) { g_api->random_setseq(s, seq); }
inline void random_setids(double* s, double a, double b, double c) { g_api->random_setids(s, a, b, c); }
inline double random_uniform(double* s) { return g_api->random_uniform(s); }
inline double random_uniform(double* s, double a, double b) { return g_api->random_uniform_ab(s, a, b); }
inline double random_negexp(double* s) { return g_api->random_negexp(s); }
inline double random_negexp(double* s, double mean) { return g_api->random_negexp_mean(s, mean); }
inline double random_normal(double* s) { return g_api->random_normal(s); }
inline double random_normal(double* s, double mean, double sd) { return g_api->random_normal_ms(s, mean, sd); }
inline double random_ipick(double* s) { return g_api->random_ipick(s); }
inline double random_dpick(double* s) { return g_api->random_uniform(s); }

inline int for_netcons(nrn_ctx* ctx, nrn_mech* m, int i, double** w, int maxn) {
    auto f = g_api ? g_api->for_netcons : nullptr;
    if (!f) {
        missing_service("FOR_NETCONS");
        return 0;
    }
    return f(ctx, m, i, w, maxn);
}

inline void fake_fire(int gid, double t, int fake_out) {
    auto f = g_api ? g_api->fake_fire : nullptr;
    if (!f) {
        error("nrn_fake_fire:", "the simulation engine does not provide fake_fire");
        return;
    }
    f(gid, t, fake_out);
}

// ---------------------------------------------------------------- linear algebra

// LU factorisation with scaled partial pivoting (Crout), then solve a x = b in place of b.
// Returns nonzero when the matrix is singular.  a is row-major n x n.
inline int lu_solve(int n, double* a, double* b, int* perm, double* scale) {
    for (int i = 0; i < n; ++i) {
        perm[i] = i;
        double mx = 0.;
        for (int j = 0; j < n; ++j) {
            double v = fabs(a[i * n + j]);
            if (v > mx) {
                mx = v;
            }
        }
        if (mx == 0.) {
            // a row of NaNs is not singular for scopmath's crout (its comparisons with NaN are
            // false): the NaNs flow through the solution, as in NEURON
            bool nan = false;
            for (int j = 0; j < n; ++j) {
                nan = nan || a[i * n + j] != a[i * n + j];
            }
            if (!nan) {
                return 2;
            }
            mx = NAN;
        }
        scale[i] = mx;
    }
    for (int r = 0; r < n; ++r) {
        for (int i = r; i < n; ++i) {
            int ir = perm[i];
            double sum = 0.;
            for (int k = 0; k < r; ++k) {
                sum += a[ir * n + k] * a[perm[k] * n + r];
            }
            a[ir * n + r] -= sum;
        }
        int piv = r;
        double best = fabs(a[perm[r] * n + r] / scale[perm[r]]);
        for (int i = r + 1; i < n; ++i) {
            double e = fabs(a[perm[i] * n + r] / scale[perm[i]]);
            if (e > best) {
                best = e;
                piv = i;
            }
        }
        if (piv != r) {
            int t = perm[r];
            perm[r] = perm[piv];
            perm[piv] = t;
        }
        int pr = perm[r];
        if (fabs(a[pr * n + r]) < 1e-20) {
            return 2;
        }
        for (int j = r + 1; j < n; ++j) {
            double sum = 0.;
            for (int k = 0; k < r; ++k) {
                sum += a[pr * n + k] * a[perm[k] * n + j];
            }
            a[pr * n + j] = (a[pr * n + j] - sum) / a[pr * n + r];
        }
    }
    std::vector<double> y(n);
    for (int i = 0; i < n; ++i) {
        int pi = perm[i];
        double sum = 0.;
        for (int j = 0; j < i; ++j) {
            sum += a[pi * n + j] * y[j];
        }
        y[i] = (b[pi] - sum) / a[pi * n + i];
    }
    for (int i = n - 1; i >= 0; --i) {
        int pi = perm[i];
        double sum = 0.;
        for (int j = i + 1; j < n; ++j) {
            sum += a[pi * n + j] * y[j];
        }
        y[i] -= sum;
    }
    for (int i = 0; i < n; ++i) {
        b[i] = y[i];
    }
    return 0;
}

// Newton's method on F(x) = 0 (scopmath's newton): x are pointers to the unknowns, f(resid)
// evaluates the residuals at the current x.  Returns 0, 1 (no convergence) or 2 (singular).
template <typename F>
int newton(int n, double** x, F&& f) {
    std::vector<double> jac(n * n), value(n), hi(n), lo(n), dx(n), scale(n);
    std::vector<int> perm(n);
    double change = 1.0;
    int err = 0;
    std::vector<double> lu(n * n);
    for (int count = 1;; ++count) {
        if (change > 0.05) {
            for (int j = 0; j < n; ++j) {
                double inc = fmax(fabs(0.02 * *x[j]), 1e-6);
                *x[j] += inc;
                f(hi.data());
                *x[j] -= 2.0 * inc;
                f(lo.data());
                for (int i = 0; i < n; ++i) {
                    jac[i * n + j] = (hi[i] - lo[i]) / (2.0 * inc);
                }
                *x[j] += inc;
            }
            f(value.data());
            lu = jac;
        } else {
            // same Jacobian: refactor (cheap for the small systems of mechanisms)
            lu = jac;
        }
        for (int i = 0; i < n; ++i) {
            dx[i] = -value[i];
        }
        if (lu_solve(n, lu.data(), dx.data(), perm.data(), scale.data())) {
            return 2;
        }
        change = 0.0;
        for (int i = 0; i < n; ++i) {
            if (fabs(*x[i]) > 1e-8) {
                double t = fabs(dx[i] / *x[i]);
                if (t > change) {
                    change = t;
                }
            }
            *x[i] += dx[i];
        }
        f(value.data());
        double maxdev = 0.0;
        for (int i = 0; i < n; ++i) {
            if (fabs(value[i]) > maxdev) {
                maxdev = fabs(value[i]);
            }
        }
        if (change <= 1e-6 && maxdev <= 1e-8) {
            break;
        }
        if (count == 50) {
            err = 1;
            break;
        }
    }
    return err;
}

// Backward-Euler step of a KINETIC scheme (scopmath's sparse).  build(mat, rhs) assembles the
// Newton system at the current states (mat and rhs zeroed by the caller of build here); old
// states are kept in d[] during the solve and d[] holds the derivatives on return.
template <typename B>
int sparse(int n, double** s, double** d, double dt, int linflag, B&& build) {
    std::vector<double> mat(n * n), rhs(n), scale(n);
    std::vector<int> perm(n);
    for (int i = 0; i < n; ++i) {
        *d[i] = *s[i];
    }
    double err = 1.0;
    for (int j = 0; err > 1e-6; ++j) {
        std::fill(mat.begin(), mat.end(), 0.0);
        std::fill(rhs.begin(), rhs.end(), 0.0);
        build(mat.data(), rhs.data());
        if (lu_solve(n, mat.data(), rhs.data(), perm.data(), scale.data())) {
            return 2;
        }
        err = 0.0;
        for (int i = 0; i < n; ++i) {
            *s[i] += rhs[i];
            if (!linflag && *s[i] < 0.) {
                *s[i] = 0.;
            }
            err += fabs(rhs[i]);
        }
        if (j > 20) {
            return 1;
        }
        if (linflag) {
            break;
        }
    }
    std::fill(mat.begin(), mat.end(), 0.0);
    std::fill(rhs.begin(), rhs.end(), 0.0);
    build(mat.data(), rhs.data());
    for (int i = 0; i < n; ++i) {
        *d[i] = (*s[i] - *d[i]) / dt;
    }
    return 0;
}

// STEADYSTATE sparse: backward Euler with dt = 1e9 (scopmath's _ss_sparse).  The caller sets
// the context dt to 1e9 around this call so the block sees it.
template <typename B>
int ss_sparse(int n, double** s, double** d, int linflag, B&& build) {
    const double ssdt = 1e9;
    if (linflag) {
        return sparse(n, s, d, ssdt, 0, build);
    }
    int err = 0, i;
    for (i = 0; i < 7; ++i) {
        err = sparse(n, s, d, ssdt, 1, build);
        if (err) {
            break;
        }
        int ok = 1;
        for (int k = 0; k < n; ++k) {
            if (*s[k] < -1e-6) {
                *s[k] = 0.;
                ok = 0;
            }
        }
        if (ok) {
            err = sparse(n, s, d, ssdt, 0, build);
            break;
        }
    }
    if (i >= 7) {
        err = 1;
    }
    return err;
}

// Gaussian elimination with partial pivoting on the largest |a| (rows not swapped but
// permuted by index), the pivot row normalised first: scopmath's simeq, which NEURON uses
// for LINEAR blocks.  a is row-major n x n, b the right-hand side; x receives the solution.
inline int simeq(int n, double* a, double* b, double** x) {
    std::vector<int> perm(n);
    for (int i = 0; i < n; ++i) {
        perm[i] = i;
    }
    auto A = [&](int r, int c) -> double& { return c == n ? b[r] : a[r * n + c]; };
    for (int j = 0; j < n; ++j) {
        int ipivot = perm[j], isave = 0;
        for (int i = j + 1; i < n; ++i) {
            if (fabs(A(ipivot, j)) < fabs(A(perm[i], j))) {
                ipivot = perm[i];
                isave = i;
            }
        }
        if (fabs(A(ipivot, j)) < 1e-20) {
            return 2;
        }
        if (ipivot != perm[j]) {
            perm[isave] = perm[j];
            perm[j] = ipivot;
        }
        for (int k = j + 1; k <= n; ++k) {
            A(ipivot, k) /= A(ipivot, j);
        }
        for (int i = j + 1; i < n; ++i) {
            int r = perm[i];
            for (int k = j + 1; k <= n; ++k) {
                A(r, k) -= A(ipivot, k) * A(r, j);
            }
        }
    }
    for (int i = n - 1; i >= 0; --i) {
        int r = perm[i];
        *x[i] = A(r, n);
        for (int j = i + 1; j < n; ++j) {
            *x[i] -= A(r, j) * *x[j];
        }
    }
    return 0;
}

// Dense solve of a LINEAR block: build(mat, rhs) then simeq.
template <typename B>
int linear(int n, double** x, B&& build) {
    std::vector<double> mat(n * n, 0.0), rhs(n, 0.0);
    build(mat.data(), rhs.data());
    return simeq(n, mat.data(), rhs.data(), x);
}

// Classical 4th-order Runge-Kutta step (scopmath's runge); deriv() fills *d from *s.
template <typename D>
void runge(int n, double** s, double** d, double h, double* t, D&& deriv) {
    std::vector<double> y0(n), acc(n);
    deriv();
    for (int i = 0; i < n; ++i) {
        y0[i] = *s[i];
        double temp = (h / 2.0) * *d[i];
        *s[i] += temp;
        acc[i] = y0[i] + temp / 3.0;
    }
    *t += h / 2.0;
    deriv();
    for (int i = 0; i < n; ++i) {
        double temp = h * *d[i];
        *s[i] = y0[i] + temp / 2.0;
        acc[i] += temp / 3.0;
    }
    deriv();
    for (int i = 0; i < n; ++i) {
        double temp = h * *d[i];
        *s[i] = y0[i] + temp;
        acc[i] += temp / 3.0;
    }
    *t += h / 2.0;
    deriv();
    for (int i = 0; i < n; ++i) {
        *s[i] = acc[i] + (h / 6.0) * *d[i];
    }
    *t -= h;
}

// A mechanism FUNCTION/PROCEDURE called from VERBATIM code by its NMODL name, with the thread
// arguments (`f(_threadargscomma_ x)`, NEURON's thread-safe form) or without (`f(x)`, the form of
// mechanisms NEURON does not vectorize): the caller's instance when they are left out.
template <class F, class... A>
inline auto vcall(F f, nrn_ctx* c, nrn_mech* m, double* p, double** pp, int s, int i, A... a)
    -> decltype(f(c, m, p, pp, s, i, a...)) {
    return f(c, m, p, pp, s, i, a...);
}
template <class F, class... A>
inline auto vcall(F f, nrn_ctx*, nrn_mech*, double*, double**, int, int, nrn_ctx* c, nrn_mech* m,
                  double* p, double** pp, int s, int i, A... a)
    -> decltype(f(c, m, p, pp, s, i, a...)) {
    return f(c, m, p, pp, s, i, a...);
}

}  // namespace _nmodl_rt

// A point process as VERBATIM code of NEURON 9 names it (`_ppvar[1].get<Point_process*>()`,
// `_pnt`): an opaque handle holding the engine's stable point-process id plus one, so it stays
// valid across model rebuilds.
struct Point_process;

namespace _nmodl_rt {

inline Point_process* pnt_handle(nrn_mech* m, int i) {
    if (!m || !m->pnt) {
        return nullptr;
    }
    return reinterpret_cast<Point_process*>(static_cast<uintptr_t>(m->pnt[i]) + 1);
}

struct PpvarEntry {
    Point_process* pnt;
    template <class T>
    T get() const {
        static_assert(std::is_same<T, Point_process*>::value,
                      "VERBATIM code: _ppvar[1].get<Point_process*>() is the only _ppvar entry "
                      "this implementation provides");
        return pnt;
    }
};

// `_ppvar` in VERBATIM code of a point process: entry 1 is the point process (NEURON's layout).
struct PpvarView {
    Point_process* pnt;
    PpvarEntry operator[](int k) const {
        if (k != 1) {
            error("VERBATIM code: only _ppvar[1] (the point process) is provided, not _ppvar entry",
                  nullptr);
            return PpvarEntry{nullptr};
        }
        return PpvarEntry{pnt};
    }
};

// NEURON's net_send/artcell_net_send(tqitem, weights, pnt, td, flag) from VERBATIM code: a
// self-event at the absolute time td for the point process whose code is running.
inline void verbatim_net_send(nrn_ctx* c, nrn_mech* m, int i, void**, double* w, Point_process* pnt,
                              double td, double flag) {
    if (pnt != pnt_handle(m, i)) {
        error("net_send from VERBATIM code: the target must be the point process whose code runs",
              nullptr);
        return;
    }
    c->api->net_send(c, m, i, w, td - c->t, flag);
}

}  // namespace _nmodl_rt

// ---------------------------------------------------------------- NEURON's names for VERBATIM

#define NRN_VERSION_MAJOR 9
#define NRN_VERSION_MINOR 0
#define NRN_VERSION_PATCH 2
#define NRN_VERSION_INT(maj, min, pat) ((maj) * 10000 + (min) * 100 + (pat))
#define NRN_VERSION NRN_VERSION_INT(NRN_VERSION_MAJOR, NRN_VERSION_MINOR, NRN_VERSION_PATCH)
#define NRN_VERSION_EQ(maj, min, pat) (NRN_VERSION == NRN_VERSION_INT(maj, min, pat))
#define NRN_VERSION_NE(maj, min, pat) (NRN_VERSION != NRN_VERSION_INT(maj, min, pat))
#define NRN_VERSION_GT(maj, min, pat) (NRN_VERSION > NRN_VERSION_INT(maj, min, pat))
#define NRN_VERSION_LT(maj, min, pat) (NRN_VERSION < NRN_VERSION_INT(maj, min, pat))
#define NRN_VERSION_GTEQ(maj, min, pat) (NRN_VERSION >= NRN_VERSION_INT(maj, min, pat))
#define NRN_VERSION_LTEQ(maj, min, pat) (NRN_VERSION <= NRN_VERSION_INT(maj, min, pat))
// NEURON's spelled-out test of NRN_VERSION_GTEQ(8, 2, 0) (#ifndef NRN_VERSION_GTEQ_8_2_0)
#define NRN_VERSION_GTEQ_8_2_0
#ifndef NRNBBCORE
#define NRNBBCORE 0
#endif

typedef nrn_vec IvocVect;
struct Rand;
static const _nmodl_rt::NrnThreadsTag nrn_threads{};

// NEURON functions that VERBATIM code in model files calls directly.
inline double hoc_Exp(double x) { return _nmodl_rt::hoc_exp_warn(x); }
inline void hoc_execerror(const char* a, const char* b) { _nmodl_rt::error(a, b); }
inline int ifarg(int i) { return _nmodl_rt::g_api->ifarg(i); }
inline double* getarg(int i) { return _nmodl_rt::g_api->getarg(i); }
inline char* gargstr(int i) {
    const char* s = _nmodl_rt::g_api->gargstr(i);
    if (!s) {
        _nmodl_rt::error("gargstr: argument is not a string", nullptr);
        return (char*) "";
    }
    return (char*) s;
}
// NEURON's argument check of user functions.
inline double chkarg(int i, double low, double high) {
    const double x = *getarg(i);
    if (x > high || x < low) {
        _nmodl_rt::error("Arg out of range in user function", nullptr);
    }
    return x;
}
namespace _nmodl_rt {
// hoc_pgargstr's answer: the string argument, read only (its HOC variable is not reachable)
inline thread_local char* pgargstr_slot = nullptr;
}  // namespace _nmodl_rt
inline char** hoc_pgargstr(int i) {
    _nmodl_rt::pgargstr_slot = gargstr(i);
    return &_nmodl_rt::pgargstr_slot;
}
// NEURON's strdef assignment: a new copy of buf in *pstr (the old one freed). A string
// argument (from hoc_pgargstr) cannot be assigned: its HOC variable is not reachable here.
inline void hoc_assign_str(char** pstr, const char* buf) {
    if (pstr == &_nmodl_rt::pgargstr_slot) {
        _nmodl_rt::error("hoc_assign_str: assigning to a string argument is not supported",
                         nullptr);
        return;
    }
    char* s = (char*) malloc(strlen(buf) + 1);
    strcpy(s, buf);
    free(*pstr);
    *pstr = s;
}
// The engine's vector_arg answers NULL for an argument that is not a Vector; NEURON's
// vector_arg is an error then.
inline IvocVect* vector_arg(int i) {
    IvocVect* v = _nmodl_rt::g_api->vector_arg(i);
    if (!v) {
        _nmodl_rt::error("vector_arg: argument is not a Vector", nullptr);
    }
    return v;
}
inline double* vector_vec(void* v) { return ((nrn_vec*) v)->data; }
inline double* vector_vec(IvocVect* v) { return v->data; }
inline int vector_capacity(void* v) { return (int) ((nrn_vec*) v)->size; }
inline int vector_capacity(IvocVect* v) { return (int) v->size; }
inline void vector_resize(void* v, int n) { _nmodl_rt::g_api->vector_resize((nrn_vec*) v, n); }
inline void vector_resize(IvocVect* v, int n) { _nmodl_rt::g_api->vector_resize(v, n); }
inline void* hoc_Emalloc(size_t n) { return malloc(n); }
inline void* hoc_Ecalloc(size_t n, size_t size) { return calloc(n, size); }
inline void* hoc_Erealloc(void* p, size_t n) { return realloc(p, n); }
// NEURON's checked allocators: out of memory is a hoc error.
inline void* emalloc(size_t n) {
    void* p = malloc(n);
    if (!p && n) {
        _nmodl_rt::error("out of memory", nullptr);
    }
    return p;
}
inline void* ecalloc(size_t n, size_t size) {
    void* p = calloc(n, size);
    if (!p && n && size) {
        _nmodl_rt::error("out of memory", nullptr);
    }
    return p;
}
inline double* hoc_getarg(int i) { return _nmodl_rt::g_api->getarg(i); }
// A Vector's size and data pointer at once (older ModelDB code).
inline int vector_instance_px(void* v, double** px) {
    *px = ((nrn_vec*) v)->data;
    return (int) ((nrn_vec*) v)->size;
}
inline int vector_buffer_size(void* v) { return (int) ((nrn_vec*) v)->cap; }
// Argument i's Vector data and size at once (vector_arg + vector_instance_px).
inline int vector_arg_px(int i, double** px) {
    IvocVect* v = vector_arg(i);
    if (!v) {
        *px = nullptr;
        return 0;
    }
    return vector_instance_px(v, px);
}
// NEURON's object of a Vector (vector_pobj) and its reference count (hoc_obj_ref/unref), as
// VecStim-like VERBATIM code uses them to hold a Vector.  Here a Vector's memory belongs to the
// Python/HOC Vector and the engine gives mechanism code no reference of its own: the handle is
// the Vector's engine handle and ref/unref leave its lifetime to the Vector (the caller keeps
// the Vector, as with the built-in VecStim).
struct Object;
inline Object** vector_pobj(void* v) { return reinterpret_cast<Object**>(&((nrn_vec*) v)->handle); }
inline void hoc_obj_ref(Object*) {}
inline void hoc_obj_unref(Object*) {}
inline void hoc_malchk() {}
inline void hoc_execerr_ext(const char* fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    _nmodl_rt::error(buf, nullptr);
}
// Random objects passed to a FUNCTION/PROCEDURE (nrn_api.random_arg): the handle is opaque,
// picked from with nrn_random_pick; it stays valid while the Random lives.
inline Rand* nrn_random_arg(int i) {
    void* r = _nmodl_rt::g_api->random_arg ? _nmodl_rt::g_api->random_arg(i) : nullptr;
    if (!r) {
        _nmodl_rt::error("nrn_random_arg: the argument is not a Random object", nullptr);
    }
    return static_cast<Rand*>(r);
}
inline double nrn_random_pick(void* r) {
    if (!r || !_nmodl_rt::g_api->random_pick) {
        _nmodl_rt::error("nrn_random_pick: no Random object", nullptr);
        return 0.;
    }
    return _nmodl_rt::g_api->random_pick(r);
}
inline double nrn_random_pick(Rand* r) { return nrn_random_pick(static_cast<void*>(r)); }
inline int nrn_random_isran123(void* r, uint32_t* id1, uint32_t* id2, uint32_t* id3) {
    return r && _nmodl_rt::g_api->random_ids123 ? _nmodl_rt::g_api->random_ids123(r, id1, id2, id3)
                                                 : 0;
}
inline int nrn_random_isran123(Rand* r, uint32_t* id1, uint32_t* id2, uint32_t* id3) {
    return nrn_random_isran123(static_cast<void*>(r), id1, id2, id3);
}
inline long nrn_get_random_sequence(void*) {
    _nmodl_rt::error("VERBATIM code asked a Random object for its sequence,",
                     "which this version does not pass to mechanisms");
    return 0;
}
inline void nrn_set_random_sequence(void*, long) {
    _nmodl_rt::error("VERBATIM code set a Random object's sequence,",
                     "which this version does not pass to mechanisms");
}
// Argument inspection of the HOC/Python call in progress (hoc_is_*_arg): Vectors and Randoms
// are the objects the engine passes to mechanism functions.  hoc_pgetarg: the address a
// pointer argument names (nrn_api.pgetarg), else the argument's value as getarg has it.
inline double* hoc_pgetarg(int i) {
    double* p = _nmodl_rt::g_api->pgetarg ? _nmodl_rt::g_api->pgetarg(i) : nullptr;
    return p ? p : _nmodl_rt::g_api->getarg(i);
}
inline int hoc_is_object_arg(int i) {
    return (_nmodl_rt::g_api->vector_arg && _nmodl_rt::g_api->vector_arg(i) != nullptr) ||
           (_nmodl_rt::g_api->random_arg && _nmodl_rt::g_api->random_arg(i) != nullptr);
}
inline int hoc_is_pdouble_arg(int i) {
    return _nmodl_rt::g_api->pgetarg && !hoc_is_object_arg(i) && _nmodl_rt::g_api->pgetarg(i) != nullptr;
}
inline int hoc_is_str_arg(int i);
inline int hoc_is_double_arg(int i) {
    return _nmodl_rt::g_api->ifarg(i) && !hoc_is_object_arg(i) && !hoc_is_pdouble_arg(i) &&
           !hoc_is_str_arg(i);
}
inline int hoc_is_str_arg(int i) {
    return _nmodl_rt::g_api->gargstr && _nmodl_rt::g_api->gargstr(i) != nullptr;
}
inline char* hoc_gargstr(int i) { return gargstr(i); }
inline IvocVect* vector_new1(int) {
    _nmodl_rt::error("VERBATIM code tried to create a Vector,", "which mechanisms cannot do here");
    return nullptr;
}
inline IvocVect* vector_new(int n) { return vector_new1(n); }
inline IvocVect* vector_new2(IvocVect*) { return vector_new1(0); }
inline int nrn_is_ion(int) { return 0; }
inline void nrn_fake_fire(int gid, double t, int fake_out) { _nmodl_rt::fake_fire(gid, t, fake_out); }
inline double nrn_ghk(double v, double ci, double co, double z, double celsius) {
    return _nmodl_rt::ghk(v, ci, co, z, celsius);
}

#endif
