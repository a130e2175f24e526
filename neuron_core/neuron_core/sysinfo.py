"""nrnversion([i]) and nrn_mallinfo(i): what the process is and how much memory it holds."""
from __future__ import annotations

import ctypes
import os
import platform
import re
import sys

from .errors import NeuronError

_BANNER_DATE = ""


def _version() -> str:
    try:
        from importlib.metadata import version
        v = version("neuron-core")
    except Exception:
        v = "9.0.2"
    return re.sub(r"\.?(dev|a|b|rc)\d*$", "", v)


def _launched_by_nrniv() -> bool:
    return os.path.basename(sys.argv[0] if sys.argv else "") in ("nrniv", "nrngui", "special")


def nrnversion(i: float = 1) -> str:
    """0 and 5: the version; 1: the banner; 2: "VERSION ..."; 3: build id; 4: build date;
    6: configuration; 7: launch arguments; 8: host; 9: "1" launched by nrniv, "2" by Python;
    10 to 20: the banner (NEURON accepts 0 to 20)."""
    i = int(float(i))
    if not 0 <= i <= 20:
        raise NeuronError("nrnversion: Arg out of range in user function")
    v = _version()
    if i in (0, 5):
        return v
    if i == 2:
        return "VERSION %s (neuron_core)" % v
    if i == 3:
        return "neuron_core"
    if i == 4:
        return _BANNER_DATE
    if i == 6:
        return "configuration: neuron_core cffi engine, Python %s" % platform.python_version()
    if i == 7:
        return " ".join(sys.argv) if _launched_by_nrniv() else "NEURON"
    if i == 8:
        return "%s-%s" % (platform.machine(), platform.system())
    if i == 9:
        return "1" if _launched_by_nrniv() else "2"
    return "NEURON -- VERSION %s (neuron_core)" % v


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                 "uordblks", "fordblks", "keepcost")]


def _mallinfo() -> _MallInfo2:
    libc = ctypes.CDLL(None)
    fn = getattr(libc, "mallinfo2", None)
    if fn is None:
        raise NeuronError("nrn_mallinfo: the C library has no mallinfo2")
    fn.restype = _MallInfo2
    return fn()


def nrn_mallinfo(item: float) -> float:
    """Heap statistics from the C library: 0 in use (hblkhd + uordblks), 1 uordblks, 2 hblkhd,
    3 arena, 4 fordblks, 5 ordblks, 6 arena + hblkhd (bytes, counts for 5)."""
    i = int(float(item))
    if not 0 <= i <= 6:
        raise NeuronError("nrn_mallinfo: Arg out of range in user function")
    m = _mallinfo()
    return float((m.hblkhd + m.uordblks, m.uordblks, m.hblkhd, m.arena, m.fordblks, m.ordblks,
                  m.arena + m.hblkhd)[i])
