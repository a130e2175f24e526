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
from typing import Dict, List

from .rxdException import RxDException

_HELPERS = r"""
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
"""

SIGNATURE = ("(const double* y, const double* p, const double* ye, const double* pe, "
             "double* dydt, double* dyedt, const double* mult, double v, double* flux)")

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


def source(bodies: List[str]) -> str:
    """The C source of rate functions rxd_rate_<k>(...) with the given bodies."""
    parts = [_HELPERS]
    for k, body in enumerate(bodies):
        parts.append("void rxd_rate_%d%s {\n%s}\n" % (k, SIGNATURE, body))
    return "".join(parts)


def compile_functions(bodies: List[str]) -> List[int]:
    """Addresses of the compiled rate functions, in order."""
    if not bodies:
        return []
    src = source(bodies)
    cmd = _compiler()
    key = hashlib.sha256((src + "\0" + " ".join(cmd) + "\0" + sys.platform).encode()).hexdigest()[:32]
    lib = _loaded.get(key)
    if lib is None:
        path = os.path.join(_cache_dir(), "rxdrates_%s.so" % key)
        if not os.path.exists(path):
            _build(src, cmd, path)
        lib = ctypes.CDLL(path)
        _loaded[key] = lib
    return [ctypes.cast(getattr(lib, "rxd_rate_%d" % k), ctypes.c_void_p).value for k in range(len(bodies))]


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
