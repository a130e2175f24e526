"""cffi build script of the engine extension `neuron_core._engine` (not shipped).

The C declarations live in real header files: the mechanism ABI (shipped with the package,
compiled mechanisms include it) and the engine's own header. Both are fed to cffi as the cdef
after dropping preprocessor lines that cffi cannot read.
"""
import os
import re

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
INCLUDE = os.path.join(HERE, "neuron_core", "include")
CSRC = os.path.join(HERE, "csrc")

PY_CALLBACKS = ("nrnpy_vec_grow", "nrnpy_event", "nrnpy_printf", "nrnpy_fake_fire")


def _cdef_text(path):
    """Header text as cffi reads it: no #include/#if guards, no `extern "C"` block, no
    prototypes of the Python callbacks (declared below as extern "Python+C")."""
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
        if any(re.match(r"(void|int) %s\(" % cb, s) for cb in PY_CALLBACKS):
            continue
        out.append(line)
    return "\n".join(out) + "\n"


ffibuilder = FFI()
ffibuilder.cdef(_cdef_text(os.path.join(INCLUDE, "nrn_mech_abi.h")))
ffibuilder.cdef(_cdef_text(os.path.join(CSRC, "engine.h")))
# further engine modules publish their Python-visible declarations in csrc/*_api.h
for _h in sorted(f for f in os.listdir(CSRC) if f.endswith("_api.h")):
    ffibuilder.cdef(_cdef_text(os.path.join(CSRC, _h)))
ffibuilder.cdef("""
extern "Python+C" void nrnpy_vec_grow(nrn_vec* v, int64_t n);
extern "Python+C" void nrnpy_event(int id, double t);
extern "Python+C" int nrnpy_printf(const char* s);
extern "Python+C" void nrnpy_fake_fire(int gid, double t, int fake_out);
""")

SOURCES = sorted(
    os.path.join("csrc", f) for f in os.listdir(CSRC) if f.endswith(".c")
)

ffibuilder.set_source(
    "neuron_core._engine",
    '#include "nrn_mech_abi.h"\n#include "engine.h"\n'
    + "".join('#include "%s"\n' % f for f in sorted(os.listdir(CSRC)) if f.endswith("_api.h")),
    sources=SOURCES,
    include_dirs=[INCLUDE, CSRC],
    extra_compile_args=["-O3", "-std=gnu11", "-fno-math-errno", "-fopenmp", "-Wall",
                        "-Wno-unused-function", "-Wno-unknown-pragmas"],
    extra_link_args=["-fopenmp"],
    libraries=["m", "dl"],
)

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
