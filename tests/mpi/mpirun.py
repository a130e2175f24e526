"""Starting test programs under mpiexec (skipping when MPI is not installed) and reading
the JSON records they print."""
import json
import os
import shutil
import subprocess

import pytest


def mpiexec_prefix(n):
    exe = shutil.which("mpiexec")
    if exe is None:
        pytest.skip("mpiexec not found (install openmpi-bin, see tests/mpi/README-ci.txt)")
    try:
        import mpi4py  # noqa: F401
    except ImportError:
        pytest.skip("mpi4py not installed (pip install mpi4py, see tests/mpi/README-ci.txt)")
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
    cmd = [exe, "-n", str(n)]
    if "Open MPI" in version or "OpenRTE" in version:
        cmd.append("--oversubscribe")
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-run-as-root")
    return cmd


def parse_records(text):
    """Every JSON object in the output, even if two ranks' lines ended up joined."""
    dec, out, i = json.JSONDecoder(), [], text.find("{")
    while i >= 0:
        try:
            obj, end = dec.raw_decode(text, i)
        except ValueError:
            i = text.find("{", i + 1)
            continue
        out.append(obj)
        i = text.find("{", end)
    return out


