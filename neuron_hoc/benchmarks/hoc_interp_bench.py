"""Speed of the HOC interpreter against NEURON's nrniv on the shared hoc_interp model.

    python hoc_interp_bench.py [--reps 3] [--n 1000000] [--model PATH] [--nrniv PATH]

Both run the same file in the same session, alternating; the script prints each JSON
result line, the median per-phase times and the ratio ours/NEURON (below 1 is faster).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_MODEL = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "bench", "models",
                                              "hoc_interp.hoc"))
PHASES = ("run_s", "arith_s", "func_s", "str_s", "vec_s", "obj_s")


def ours_command() -> list:
    exe = os.path.join(os.path.dirname(sys.executable), "nrniv")
    if os.path.isfile(exe):
        return [exe, "-nogui"]
    return [sys.executable, "-m", "neuron_hoc.cli", "-nogui"]


def run_once(cmd: list, model: str, n: int) -> dict:
    argv = cmd + ["-c", "N=%d" % n, model]
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       cwd=os.path.dirname(model))
    wall = time.perf_counter() - t0
    for line in p.stdout.splitlines():
        line = line.strip()
        if line.startswith("{") and '"hoc_interp"' in line:
            result = json.loads(line)
            result["wall_s"] = wall
            return result
    raise RuntimeError("no result from %s:\n%s\n%s" % (" ".join(argv), p.stdout, p.stderr))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--n", type=int, default=1000000)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--nrniv", default=shutil.which("nrniv", path="/root/nrnref/bin") or
                    "/root/nrnref/bin/nrniv")
    args = ap.parse_args(argv)
    sims = {"neuron": [args.nrniv, "-nogui"], "ours": ours_command()}
    results = {name: [] for name in sims}
    for _ in range(args.reps):
        for name, cmd in sims.items():
            r = run_once(cmd, args.model, args.n)
            results[name].append(r)
            print(name, json.dumps(r))
    med = {name: {k: statistics.median(r[k] for r in rs) for k in PHASES + ("wall_s",)}
           for name, rs in results.items()}
    checks = {name: rs[0]["check"] for name, rs in results.items()}
    if checks["neuron"] != checks["ours"]:
        print("CHECK VALUES DIFFER:", checks)
    print("%-8s" % "phase" + "".join("%12s" % k for k in sims) + "%10s" % "ratio")
    for k in PHASES + ("wall_s",):
        a, b = med["ours"][k], med["neuron"][k]
        ratio = a / b if b else float("nan")
        print("%-8s" % k + "%12.4f%12.4f" % (b, a) + "%10.2f" % ratio)
    print("ratio ours/neuron (run_s): %.2f" % (med["ours"]["run_s"] / med["neuron"]["run_s"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
