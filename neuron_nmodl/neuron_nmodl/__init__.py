"""neuron_nmodl: the NMODL compiler of the NEURON reimplementation.

lexer -> parser -> nodes (printable tree) -> sema (declare, resolve) -> solvers (cnexp,
derivimplicit, euler, runge, sparse, LINEAR/NONLINEAR, TABLE) -> codegen (C++ against
nrn_mech_abi.h) -> build (g++ into one shared library).  `nrnivmodl` is cli.main.
"""
from .errors import BuildError, InternalCompilerError, NmodlError, UnsupportedError

__all__ = ["NmodlError", "UnsupportedError", "BuildError", "InternalCompilerError",
           "compile_mod_files", "translate"]


def compile_mod_files(paths, out_dir=None):
    """Build the .mod files into one library; returns its path (see build.compile_mod_files)."""
    from .build import compile_mod_files as _c

    return _c(paths, out_dir)


def translate(path, print_after=None):
    """Run the compiler passes on one .mod file (see driver.translate)."""
    from .driver import translate as _t

    return _t(path, print_after=print_after)
