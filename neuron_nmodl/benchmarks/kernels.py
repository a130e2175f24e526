#!/usr/bin/env python
"""Time the generated `current` and `state` callbacks of standard mechanisms, per instance.

The callbacks are called directly (through the test harness's stand-in engine), so the
figures are the generated code's own cost, free of event handling and the tree solve.
Several compilers can be compared in one run (`--compiler DIR`, a folder holding a
`neuron_nmodl` package, e.g. an export of an older commit); their measurements alternate so
that the machine's load affects each alike, and ratios to the first are printed.

    python kernels.py                                   # this checkout's compiler
    git archive HEAD~3 neuron_nmodl | tar -x -C /tmp/old
    python kernels.py --compiler /tmp/old/neuron_nmodl --compiler ..   # old vs this one

Cases (instances sorted by node as the engine keeps them):
  expsyn  10^4 ExpSyn on 100 nodes (100 per node), as in synapse_heavy
  exp2syn 10^4 Exp2Syn on 100 nodes
  hh      10^4 hh, one per node, as in hh_cable_10k
  pas     10^4 pas, one per node (ringtest's dendrites)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CASES = ("expsyn", "exp2syn", "hh", "pas")


def _stdmech_mods():
    d = os.path.join(REPO, "plugins", "neuron_stdmech", "neuron_stdmech", "mod")
    return [os.path.join(d, f) for f in ("expsyn.mod", "exp2syn.mod", "hh.mod", "pas.mod")]


def _setup(lib, case, n, np):
    """Context and instances of one case, with plausible values."""
    from neuron_nmodl.tests.harness import Context, Instances

    rng = np.random.default_rng(7)
    per_node = 100 if case in ("expsyn", "exp2syn") else 1
    nnode = max(1, n // per_node)
    ctx = Context(nnode)
    ctx.set_api(lib)
    ctx.v[:] = rng.uniform(-70, -50, nnode)
    ctx.area[:] = rng.uniform(500, 1500, nnode)
    nodes = [k // per_node for k in range(n)]
    name = {"expsyn": "ExpSyn", "exp2syn": "Exp2Syn", "hh": "hh", "pas": "pas"}[case]
    inst = Instances(lib, name, ctx, nodes)
    inst.table_check()
    inst.initialize()
    if case == "expsyn":
        inst["tau"] = np.where(np.arange(n) % 5 == 4, 5.0, 2.0)
        inst["e"] = np.where(np.arange(n) % 5 == 4, -80.0, 0.0)
        inst["g"] = rng.uniform(0, 1e-3, n)
    elif case == "exp2syn":
        inst["tau1"], inst["tau2"] = 0.5, 5.0
        inst["A"] = rng.uniform(0, 1e-3, n)
        inst["B"] = rng.uniform(0, 1e-3, n)
    return ctx, inst


def child(case, n, iters, reps):
    """Build the library with the compiler on sys.path and time one case (ns per instance)."""
    import numpy as np
    from neuron_nmodl.build import build_library
    from neuron_nmodl.tests.harness import Library

    import neuron_nmodl

    key = hashlib.sha256(os.path.dirname(neuron_nmodl.__file__).encode()).hexdigest()[:12]
    out = os.path.join(tempfile.gettempdir(), "nmodl-kernels-%s" % key)
    lib = Library(build_library(_stdmech_mods(), out, native=True).library)
    result = {}
    for cb in ("current", "state"):
        if cb == "state" and case == "pas":
            continue
        best = []
        for _ in range(reps):
            ctx, inst = _setup(lib, case, n, np)
            fn = getattr(inst.desc, cb)
            c, mm = ctx.ctx, inst.m
            fn(c, mm)
            t0 = time.process_time()   # CPU time: other processes' time slices excluded
            for _ in range(iters):
                fn(c, mm)
            best.append((time.process_time() - t0) / iters / n * 1e9)
        result[cb] = min(best)
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--compiler", action="append", default=[],
                    help="folder whose neuron_nmodl package is used (repeatable)")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--n", type=int, default=10000, help="instances")
    ap.add_argument("--iters", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    ap.add_argument("--child", nargs=2, metavar=("CASE", "DIR"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.child[0], a.n, a.iters, 3)))
        return
    dirs = [os.path.abspath(d) for d in a.compiler] or [os.path.join(REPO, "neuron_nmodl")]
    cases = [c for c in a.cases.split(",") if c]
    runs = {(d, c): [] for d in dirs for c in cases}
    for _ in range(a.rounds):
        for c in cases:
            for d in dirs:
                env = dict(os.environ, PYTHONPATH=d + os.pathsep + os.environ.get("PYTHONPATH", ""))
                r = subprocess.run([sys.executable, __file__, "--child", c, d, "--n", str(a.n),
                                    "--iters", str(a.iters)], env=env, check=True,
                                   stdout=subprocess.PIPE, text=True)
                runs[(d, c)].append(json.loads(r.stdout.strip().splitlines()[-1]))
    print("ns per instance per call (median of %d rounds); ratio to the first compiler" % a.rounds)
    for c in cases:
        for cb in ("current", "state"):
            if cb not in runs[(dirs[0], c)][0]:
                continue
            base = statistics.median(x[cb] for x in runs[(dirs[0], c)])
            cells = []
            for d in dirs:
                med = statistics.median(x[cb] for x in runs[(d, c)])
                cells.append("%7.2f (%.2fx)" % (med, med / base))
            print("%-8s %-8s %s" % (c, cb, "  ".join(cells)))
    for k, d in enumerate(dirs):
        print("compiler %d: %s" % (k, d))


if __name__ == "__main__":
    main()
