#!/usr/bin/env python3
"""Time the ringtest network on 1 and on N MPI ranks, alternating, and print the ratio
(N ranks / 1 rank) of the psolve time measured in the same run; with --neuron-python the
same for NEURON, as the baseline.

    python benchmarks/mpi_scaling.py [--ranks 2] [--reps 3] [--neuron-python PY]

The model is tests/mpi/ringtest_mpi.py (public NEURON API only).  Every run must report the
same spike count and checksum as the one-rank run, or the timing is refused.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODEL = os.path.join(ROOT, "tests", "mpi", "ringtest_mpi.py")


def mpiexec_argv(n: int) -> list:
    exe = shutil.which("mpiexec")
    if exe is None:
        sys.exit("mpiexec not found: install Open MPI (openmpi-bin) and mpi4py")
    argv = [exe, "-n", str(n)]
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
    if "Open MPI" in version or "OpenRTE" in version:
        argv += ["--oversubscribe"] + (["--allow-run-as-root"] if os.geteuid() == 0 else [])
    return argv


def run_once(python: str, nranks: int) -> dict:
    argv = ([python] if nranks == 1 else mpiexec_argv(nranks) + [python]) + [MODEL]
    env = dict(os.environ, NEURON_MODULE_OPTIONS="-nogui")
    out = subprocess.run(argv, env=env, capture_output=True, text=True, cwd="/tmp").stdout
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if not lines:
        sys.exit("no result from %s on %d rank(s):\n%s" % (python, nranks, out))
    return json.loads(lines[-1])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--python", default=os.path.join(ROOT, ".venv", "bin", "python"))
    p.add_argument("--neuron-python", default=os.environ.get("NEURON_PYTHON"))
    p.add_argument("--ranks", type=int, default=2)
    p.add_argument("--reps", type=int, default=3)
    a = p.parse_args()
    sides = [("ours", a.python)] + ([("NEURON", a.neuron_python)] if a.neuron_python else [])
    times = {(s, n): [] for s, _ in sides for n in (1, a.ranks)}
    for _ in range(a.reps):    # alternate, so every configuration sees the same machine load
        for side, python in sides:
            one = run_once(python, 1)
            many = run_once(python, a.ranks)
            if (many["n_spikes"], many["spike_t_sum"]) != (one["n_spikes"], one["spike_t_sum"]):
                sys.exit("%s: %d ranks gave a different raster than 1 rank" % (side, a.ranks))
            times[side, 1].append(one["run_s"])
            times[side, a.ranks].append(many["run_s"])
    print("%-8s %12s %12s %8s" % ("side", "run_s 1", "run_s %d" % a.ranks, "ratio"))
    for side, _ in sides:
        t1 = statistics.median(times[side, 1])
        tn = statistics.median(times[side, a.ranks])
        print("%-8s %12.4g %12.4g %8.3f" % (side, t1, tn, tn / t1))
    print("(medians of %d alternating runs; ratio < 1: %d ranks faster than 1)" % (a.reps, a.ranks))


if __name__ == "__main__":
    main()
