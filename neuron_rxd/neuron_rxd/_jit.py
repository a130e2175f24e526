"""Compile generated rate functions to a shared library at run time (as NEURON does).

The source is compiled once with the system C compiler ($CC, else cc) and cached by the hash
of the source and the compiler command in $NRN_RXD_CACHE (default: the user's cache folder),
so a model that was run before starts without compiling.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import subprocess
import sys
import tempfile
from typing import Dict, List, Optional

from .rxdException import RxDException

_HELPERS = r"""
#include <float.h>
#include <math.h>
#define RXD_UNUSED __attribute__((unused))
static RXD_UNUSED double rxd_factorial(double x) { return tgamma(x + 1.0); }
static RXD_UNUSED double rxd_degrees(double r) { return r * (180.0 / 3.14159265358979323846); }
static RXD_UNUSED double rxd_radians(double d) { return d * (3.14159265358979323846 / 180.0); }
static RXD_UNUSED double rxd_log1p(double x) { return log(x + 1.0); }
static RXD_UNUSED double rxd_ldexp(double x, double e) { return ldexp(x, (int) e); }
static RXD_UNUSED double rxd_vtrap(double x, double y) {
    if (fabs(x / y) < 1e-6) {
        return y * (1.0 - x / y / 2.0);
    }
    return x / (exp(x / y) - 1.0);
}
/* Gaussian elimination with partial pivoting (the solver's rxd_lu_solve, inlined). */
static inline RXD_UNUSED void rxd_lu(int n, double* a, double* b) {
    for (int k = 0; k < n; ++k) {
        int p = k;
        double best = fabs(a[k * n + k]);
        for (int i = k + 1; i < n; ++i) {
            double v = fabs(a[i * n + k]);
            if (v > best) {
                best = v;
                p = i;
            }
        }
        if (best == 0.0) {
            return;
        }
        if (p != k) {
            for (int j = 0; j < n; ++j) {
                double t = a[k * n + j];
                a[k * n + j] = a[p * n + j];
                a[p * n + j] = t;
            }
            double t = b[k];
            b[k] = b[p];
            b[p] = t;
        }
        double inv = 1.0 / a[k * n + k];
        for (int i = k + 1; i < n; ++i) {
            double f = a[i * n + k] * inv;
            if (f != 0.0) {
                for (int j = k + 1; j < n; ++j) {
                    a[i * n + j] -= f * a[k * n + j];
                }
                b[i] -= f * b[k];
            }
        }
    }
    for (int i = n - 1; i >= 0; --i) {
        double s = b[i];
        for (int j = i + 1; j < n; ++j) {
            s -= a[i * n + j] * b[j];
        }
        b[i] = s / a[i * n + i];
    }
}
/* NEURON's solve for extracellular reactions: rows of the matrix (not b) reordered so each
 * diagonal is the largest of its column, then elimination without pivoting. */
static inline RXD_UNUSED void rxd_ecs_solve(int n, double* a, double* b) {
    for (int j = 0; j < n; ++j) {
        for (int k = j + 1; k < n; ++k) {
            if (fabs(a[j * n + j]) < fabs(a[k * n + j])) {
                for (int c = 0; c < n; ++c) {
                    double t = a[j * n + c];
                    a[j * n + c] = a[k * n + c];
                    a[k * n + c] = t;
                }
            }
        }
    }
    for (int j = 0; j < n - 1; ++j) {
        for (int k = j + 1; k < n; ++k) {
            double ge = a[k * n + j] / a[j * n + j];
            for (int c = 0; c < n; ++c) {
                a[k * n + c] -= ge * a[j * n + c];
            }
            b[k] -= ge * b[j];
        }
    }
    for (int j = n - 1; j >= 0; --j) {
        double x = b[j];
        for (int k = j + 1; k < n; ++k) {
            x -= a[j * n + k] * b[k];
        }
        b[j] = x / a[j * n + j];
    }
}
"""

SIGNATURE = ("(const double* y, const double* p, const double* ye, const double* pe, "
             "double* dydt, double* dyedt, const double* mult, double v, double* flux)")

# one implicit step per location for a group whose NS slots are all present
_FAST = r"""
void rxd_fast_%(k)d(int nloc, const int* slot, const int* param, const double* mult, int nmult,
                   double* const* vptr, double* st, double dt) {
    enum { NS = %(ns)d, NP = %(np)d };
    const double eps = FLT_EPSILON;
    double y[NS], p[NP > 0 ? NP : 1], f0[NS], f1[NS], jac[NS * NS], b[NS], dummy[1];
    for (int l = 0; l < nloc; ++l) {
        const int* sl = slot + l * NS;
        for (int s = 0; s < NS; ++s) {
            y[s] = st[sl[s]];
        }
        for (int s = 0; s < NP; ++s) {
            int i = param[l * NP + s];
            p[s] = i >= 0 ? st[i] : -1.0;
        }
        const double* mu = nmult ? mult + (long) l * nmult : 0;
        const double v = vptr ? *vptr[l] : 0.0;
        for (int s = 0; s < NS; ++s) {
            f0[s] = 0.0;
        }
        rate_%(k)d(y, p, 0, 0, f0, dummy, mu, v, 0);
        for (int c = 0; c < NS; ++c) {
            const double saved = y[c];
            y[c] += eps;
            for (int s = 0; s < NS; ++s) {
                f1[s] = 0.0;
            }
            rate_%(k)d(y, p, 0, 0, f1, dummy, mu, v, 0);
            y[c] = saved;
            for (int r = 0; r < NS; ++r) {
                jac[r * NS + c] = (r == c ? 1.0 : 0.0) - dt * ((f1[r] - f0[r]) / eps);
            }
        }
        for (int r = 0; r < NS; ++r) {
            b[r] = dt * f0[r];
        }
        if (NS == 1) {
            b[0] /= jac[0];
        } else {
            rxd_lu(NS, jac, b);
        }
        for (int s = 0; s < NS; ++s) {
            st[sl[s]] += b[s];
        }
    }
}
"""

_loaded: Dict[str, ctypes.CDLL] = {}


def _cache_dir() -> str:
    d = os.environ.get("NRN_RXD_CACHE")
    if not d:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        d = os.path.join(base, "neuron_rxd")
    os.makedirs(d, exist_ok=True)
    return d


def _compiler() -> List[str]:
    cc = os.environ.get("CC", "cc")
    return cc.split() + ["-O2", "-fPIC", "-shared", "-fno-fast-math", "-ffp-contract=off"]


# one implicit step per voxel for the reactions of an extracellular region
_ECS = r"""
void rxd_ecs_%(k)d(int nvox, double* const* ys, double* const* ps, double dt) {
    enum { NS = %(ns)d, NP = %(np)d };
    const double eps = FLT_EPSILON;
    double y[NS], p[NP > 0 ? NP : 1], f0[NS], f1[NS], jac[NS * NS], b[NS], dummy[1];
    for (int i = 0; i < nvox; ++i) {
        for (int s = 0; s < NS; ++s) {
            y[s] = ys[s][i];
        }
        for (int s = 0; s < NP; ++s) {
            p[s] = ps[s][i];
        }
        for (int s = 0; s < NS; ++s) {
            f0[s] = 0.0;
        }
        rate_e%(k)d(0, 0, y, p, dummy, f0, 0, 0.0, 0);
        for (int c = 0; c < NS; ++c) {
            const double saved = y[c];
            y[c] += eps;
            for (int s = 0; s < NS; ++s) {
                f1[s] = 0.0;
            }
            rate_e%(k)d(0, 0, y, p, dummy, f1, 0, 0.0, 0);
            y[c] = saved;
            b[c] = dt * f0[c];
            for (int r = 0; r < NS; ++r) {
                jac[r * NS + c] = (r == c ? 1.0 : 0.0) - dt * ((f1[r] - f0[r]) / eps);
            }
        }
        if (NS == 1) {
            ys[0][i] += b[0] / jac[0];
        } else {
            rxd_ecs_solve(NS, jac, b);
            for (int s = 0; s < NS; ++s) {
                ys[s][i] += b[s];
            }
        }
    }
}
"""


def source(bodies: List[str], fast: List[Optional[tuple]], ecs: List[tuple] = ()) -> str:
    """C source of rxd_rate_<k> (and rxd_fast_<k> for groups given (nslot, nparam))."""
    parts = [_HELPERS]
    for k, body in enumerate(bodies):
        parts.append("static inline void rate_%d%s {\n%s}\n" % (k, SIGNATURE, body))
        parts.append("void rxd_rate_%d%s {\n    rate_%d(y, p, ye, pe, dydt, dyedt, mult, v, flux);\n}\n"
                     % (k, SIGNATURE, k))
        if fast[k] is not None:
            parts.append(_FAST % {"k": k, "ns": fast[k][0], "np": fast[k][1]})
    for k, (body, ns, np_) in enumerate(ecs):
        parts.append("static inline void rate_e%d%s {\n%s}\n" % (k, SIGNATURE, body))
        parts.append(_ECS % {"k": k, "ns": ns, "np": np_})
    return "".join(parts)


def compile_functions(bodies: List[str], fast: List[Optional[tuple]],
                      ecs: List[tuple] = ()) -> tuple:
    """Addresses: [(rate function, fast solver or None)] of the groups and [solver] of the
    extracellular groups ((body, nspecies, nparams) each)."""
    if not bodies and not ecs:
        return [], []
    src = source(bodies, fast, ecs)
    cmd = _compiler()
    key = hashlib.sha256((src + "\0" + " ".join(cmd) + "\0" + sys.platform).encode()).hexdigest()[:32]
    lib = _loaded.get(key)
    if lib is None:
        path = os.path.join(_cache_dir(), "rxdrates_%s.so" % key)
        if not os.path.exists(path):
            _build(src, cmd, path)
        lib = ctypes.CDLL(path)
        _loaded[key] = lib

    def addr(name):
        return ctypes.cast(getattr(lib, name), ctypes.c_void_p).value
    groups = [(addr("rxd_rate_%d" % k), addr("rxd_fast_%d" % k) if fast[k] is not None else None)
              for k in range(len(bodies))]
    return groups, [addr("rxd_ecs_%d" % k) for k in range(len(ecs))]


def _build(src: str, cmd: List[str], path: str) -> None:
    folder = os.path.dirname(path)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        c_file = os.path.join(tmp, "rates.c")
        so_file = os.path.join(tmp, "rates.so")
        with open(c_file, "w") as f:
            f.write(src)
        try:
            proc = subprocess.run(cmd + [c_file, "-o", so_file, "-lm"], capture_output=True, text=True)
        except OSError as exc:
            raise RxDException("rxd needs a C compiler to compile reaction rates (%s): %s"
                               % (cmd[0], exc)) from None
        if proc.returncode != 0:
            raise RxDException("compiling the reaction rates failed:\n%s\n%s" % (proc.stderr, src))
        os.replace(so_file, path)
