#!/usr/bin/env python3
"""Run benchmark models with this project's interpreter and with NEURON's, alternating, and
print the time ratios (ours / NEURON) measured in the same run.

    python benchmarks/run.py --neuron-python /path/to/neuron-venv/bin/python [--reps 5]
    python benchmarks/run.py --neuron-python PY --only ringtest,synapse_heavy

Cases: the models in benchmarks/models/, and the shared benchmark models (../shared/bench/models,
or --shared-models DIR) when they are present.  Each model prints one JSON line; the ratio is
taken of every timing both sides report (setup_s, run_s and the per-step metric).  HOC models
run with the `nrniv` beside each interpreter.

NEURON is installed separately (`python3 -m venv V && V/bin/pip install neuron==9.0.2`); it is
only ever run as a separate process to measure the baseline.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OWN = os.path.join(HERE, "models")
SHARED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared", "bench", "models")

# name: (folder key, program ("python" or "nrniv"), argv after the interpreter, per-step metric)
CASES = {
    "hh_soma": ("own", "python", ["hh_soma.py"], "us_per_step"),
    "hh_cable_1k": ("own", "python", ["hh_cable.py", "--ncomp", "1000"], "ns_per_comp_step"),
    "hh_cable_10k": ("own", "python", ["hh_cable.py", "--ncomp", "10000"], "ns_per_comp_step"),
    "cvode_hh_soma": ("own", "python", ["cvode_models.py", "--model", "hh_soma"], "steps"),
    "cvode_hh_cable": ("own", "python", ["cvode_models.py", "--model", "hh_cable"], "steps"),
    "cvode_ringtest": ("own", "python", ["cvode_models.py", "--model", "ringtest"], "steps"),
    "cvode_synapse_heavy": ("own", "python", ["cvode_models.py", "--model", "synapse_heavy"], "steps"),
    "intfire_network": ("own", "python", ["intfire_network.py"], None),
    "ringtest": ("shared", "python", ["ringtest.py"], "ns_per_comp_step"),
    "synapse_heavy": ("shared", "python", ["synapse_heavy.py"], None),
    "rxd_diffusion": ("shared", "python", ["rxd_diffusion.py"], "ns_per_node_step"),
    "mod_compile": ("shared", "python", ["mod_compile.py"], None),
    "hoc_interp": ("shared", "nrniv", ["-nogui", "hoc_interp.hoc"], None),
}
TIMINGS = ("setup_s", "run_s")


def run_once(python, folder, program, args):
    env = dict(os.environ, NEURON_MODULE_OPTIONS="-nogui")
    exe = python if program == "python" else os.path.join(os.path.dirname(python), program)
    script = os.path.join(folder, args[0]) if program == "python" else None
    argv = [exe, script] + args[1:] if script else [exe] + [
        os.path.join(folder, x) if x.endswith(".hoc") else x for x in args]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True, cwd=folder).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--python", default=os.path.join(os.path.dirname(HERE), ".venv", "bin", "python"))
    p.add_argument("--neuron-python", default=os.environ.get("NEURON_PYTHON"),
                   help="interpreter with NEURON 9.0.2 installed (the baseline)")
    p.add_argument("--shared-models", default=SHARED, help="folder of the shared benchmark models")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--only", default=None, help="comma-separated case names (default: all found)")
    a = p.parse_args()
    if not a.neuron_python:
        sys.exit("give --neuron-python (or NEURON_PYTHON): the baseline must be measured in the same run")
    folders = {"own": OWN, "shared": a.shared_models}
    names = a.only.split(",") if a.only else [n for n, c in CASES.items() if os.path.isdir(folders[c[0]])]
    print("%-20s %-18s %12s %12s %8s" % ("case", "timing", "ours", "NEURON", "ratio"))
    for name in names:
        key, program, args, metric = CASES[name]
        ours, base = [], []
        for _ in range(a.reps):   # alternate, so both sides see the same machine load
            ours.append(run_once(a.python, folders[key], program, args))
            base.append(run_once(a.neuron_python, folders[key], program, args))
        for field in TIMINGS + ((metric,) if metric else ()):
            if field not in ours[0] or field not in base[0]:
                continue
            mo = statistics.median(r[field] for r in ours)
            mb = statistics.median(r[field] for r in base)
            print("%-20s %-18s %12.4g %12.4g %8.3f" % (name, field, mo, mb, mo / mb if mb else float("nan")))
        sys.stdout.flush()
    print("(medians of %d alternating runs each)" % a.reps)


if __name__ == "__main__":
    main()
