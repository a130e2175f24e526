"""Process and host: system(), chdir/getcwd, timers, and no-op tuning switches (nrnversion
and nrn_mallinfo are the engine's)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

from ..values import set_string, string_of
from . import define

def install(interp) -> None:
    clock = {"start": time.time()}

    def system(cmd, out=None) -> float:
        cmd = string_of(cmd)
        sys.stdout.flush()
        if out is None:
            return float(subprocess.call(cmd, shell=True))
        p = subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, text=True)
        set_string(out, p.stdout)
        return float(p.returncode)

    def chdir(path) -> float:
        try:
            os.chdir(os.path.expanduser(string_of(path)))
        except OSError:
            return -1.0
        return 0.0

    def getcwd() -> str:
        return os.getcwd().rstrip("/") + "/"

    def startsw() -> float:
        clock["start"] = time.time()
        return clock["start"]

    def stopsw() -> float:
        return time.time() - clock["start"]

    def machine_name(out) -> float:
        set_string(out, socket.gethostname())
        return 0.0

    def neuronhome() -> str:
        return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    def zero(*args) -> float:
        return 0.0

    define(interp, "system", system)
    define(interp, "chdir", chdir)
    define(interp, "getcwd", getcwd, "str")
    define(interp, "startsw", startsw)
    define(interp, "stopsw", stopsw)
    define(interp, "machine_name", machine_name)
    define(interp, "neuronhome", neuronhome, "str")
    define(interp, "unix_mac_pc", lambda: 1.0)
    define(interp, "numprocs", lambda: 1.0)       # the old PVM interface: one process
    define(interp, "myproc", lambda: 0.0)
    for name in ("show_errmess_always", "coredump_on_error", "nrn_feenableexcept",
                 "checkpoint", "saveaudit", "retrieveaudit", "nrniv_bind_thread",
                 "use_exp_pow_precision"):
        define(interp, name, zero)
