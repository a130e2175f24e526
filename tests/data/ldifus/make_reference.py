"""Produces reference.json with NEURON 9.0.2: run with NEURON's python in a folder where its
nrnivmodl has built cadifs.mod, cachn.mod and ldsimple.mod (model.py describes the models).

    cd <scratch>; cp <this folder>/*.mod .; nrnivmodl
    <NEURON python> <this folder>/make_reference.py
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ("fixed", "fixed2", "changes", "cvode", "local", "daspk")

if len(sys.argv) > 1:
    sys.path.insert(0, HERE)
    from neuron import h
    import model
    print(json.dumps(model.run(h, sys.argv[1])))
    sys.exit(0)

out = {}
for mode in MODES:
    r = subprocess.run([sys.executable, os.path.abspath(__file__), mode], capture_output=True,
                       text=True, check=True)
    out[mode] = json.loads(r.stdout.strip().splitlines()[-1])
with open(os.path.join(HERE, "reference.json"), "w") as f:
    json.dump(out, f)
