#!/usr/bin/env python3
"""Run benchmark models with this project's interpreter and with NEURON's, alternating, and
print the time ratio (ours / NEURON) measured in the same run.

    python benchmarks/run.py --neuron-python /path/to/neuron-venv/bin/python [--reps 5]

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
CASES = {
    "hh_soma": (["hh_soma.py"], "us_per_step"),
    "hh_cable_1k": (["hh_cable.py", "--ncomp", "1000"], "ns_per_comp_step"),
    "hh_cable_10k": (["hh_cable.py", "--ncomp", "10000"], "ns_per_comp_step"),
}


def run_once(python, args):
    env = dict(os.environ, NEURON_MODULE_OPTIONS="-nogui")
    out = subprocess.run([python, os.path.join(HERE, "models", args[0])] + args[1:], env=env,
                         capture_output=True, text=True, check=True, cwd=HERE).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--python", default=os.path.join(os.path.dirname(HERE), ".venv", "bin", "python"))
    p.add_argument("--neuron-python", default=os.environ.get("NEURON_PYTHON"),
                   help="interpreter with NEURON 9.0.2 installed (the baseline)")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--only", default=",".join(CASES))
    a = p.parse_args()
    if not a.neuron_python:
        sys.exit("give --neuron-python (or NEURON_PYTHON): the baseline must be measured in the same run")
    print("%-14s %14s %14s %8s" % ("case", "ours", "NEURON", "ratio"))
    for name in a.only.split(","):
        args, metric = CASES[name]
        ours, base = [], []
        for _ in range(a.reps):
            ours.append(run_once(a.python, args)[metric])
            base.append(run_once(a.neuron_python, args)[metric])
        mo, mb = statistics.median(ours), statistics.median(base)
        print("%-14s %14.4g %14.4g %8.3f   (%s, median of %d)" % (name, mo, mb, mo / mb, metric, a.reps))


if __name__ == "__main__":
    main()
