"""Finding and loading compiled mechanism libraries (`nrnivmodl` output)."""
from __future__ import annotations

import os
import platform
from typing import List, Optional

from .errors import NeuronError
from .mechanisms import registry

LIBNAME = "libnrnmech.so"


def arch_dirs() -> List[str]:
    seen = []
    for a in (platform.machine(), "i686", "x86_64", "powerpc", "umac"):
        if a and a not in seen:
            seen.append(a)
    return seen


def find_library(path: str):
    """The nrnmech library under path/<arch>/, or None."""
    for a in arch_dirs():
        for cand in (os.path.join(path, a, LIBNAME), os.path.join(path, a, ".libs", LIBNAME)):
            if os.path.exists(cand):
                return cand
    return None


def load_library_file(path: str, package: Optional[str] = None, builtin: bool = False) -> list:
    """Register the mechanisms of one library (`package`/`builtin`: see Registry.load_library)."""
    if not os.path.exists(path):
        raise NeuronError("mechanism library not found: %s" % path)
    return registry.load_library(path, package, builtin)
