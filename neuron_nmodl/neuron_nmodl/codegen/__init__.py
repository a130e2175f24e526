"""C++ code generation against nrn_mech_abi.h."""
from .library import library_source
from .mechanism import generate

__all__ = ["generate", "library_source"]
