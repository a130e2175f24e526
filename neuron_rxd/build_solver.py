"""cffi build script of `neuron_rxd._solver`, the compiled reaction-diffusion solver (not shipped).

The declarations cffi needs come from csrc/rxd_solver.h (after dropping preprocessor lines);
the mechanism ABI header comes from the installed engine (`neuron_core.get_include()`).
"""
import os
import re

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
CSRC = os.path.join(HERE, "csrc")


def _engine_include():
    try:
        import neuron_core
        return neuron_core.get_include()
    except ImportError:  # building from the repository before the engine is importable
        return os.path.join(HERE, "..", "neuron_core", "neuron_core", "include")


def _cdef_text(path):
    out, skipping = [], False
    for line in open(path).read().splitlines():
        s = line.strip()
        if s == "#ifdef __cplusplus":
            skipping = True
            continue
        if skipping:
            skipping = s != "#endif"
            continue
        if s.startswith("#") and not re.match(r"#define\s+\w+\s+-?\d+\s*$", s):
            continue
        out.append(line)
    return "\n".join(out) + "\n"


INCLUDE = _engine_include()
ffibuilder = FFI()
ffibuilder.cdef(_cdef_text(os.path.join(INCLUDE, "nrn_mech_abi.h")))
ffibuilder.cdef(_cdef_text(os.path.join(CSRC, "rxd_solver.h")))
ffibuilder.cdef(_cdef_text(os.path.join(CSRC, "rxd_geom3d.h")))
ffibuilder.cdef('extern "Python+C" double rxd_py_source(int id);')
ffibuilder.set_source(
    "neuron_rxd._solver",
    '#include "rxd_solver.h"\n#include "rxd_geom3d.h"\n',
    sources=sorted(os.path.join("csrc", f) for f in os.listdir(CSRC) if f.endswith(".c")),
    include_dirs=[INCLUDE, CSRC],
    extra_compile_args=["-O3", "-std=c11", "-fno-math-errno", "-ffp-contract=off", "-Wall", "-Wno-unused-function"],
    libraries=["m"],
)

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
