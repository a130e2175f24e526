"""Produces lag_reference.json with NEURON 9.0.2 (run with NEURON's python in a folder where
`nrnivmodl` has built ../mod/t_lag.mod): a 10 um soma with tlag, dt = 0.025 ms, two runs of
400 steps (each finitialize starts new LAG histories); v, y = lag_v_tau, z = lag_a_tau[1]."""
import json
import os

from neuron import h

s = h.Section(name="soma")
s.L = s.diam = 10
s.insert("tlag")
h.dt = 0.025
out = {"v": [], "y": [], "z": []}
for run in range(2):
    h.finitialize(-65)
    for k in range(400):
        h.fadvance()
        out["v"].append(s(0.5).v)
        out["y"].append(s(0.5).tlag.y)
        out["z"].append(s(0.5).tlag.z)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "lag_reference.json"), "w") as f:
    json.dump(out, f)
