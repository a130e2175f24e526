"""An extracellular-only rxd model (no sections at all) under CVode: the rxd states are
integrated as in NEURON 9.0.2 (values printed by NEURON for this script)."""
import json
import subprocess
import sys

SCRIPT = r'''
import json
from neuron import h, rxd
h.load_file("stdrun.hoc")
ecs = rxd.Extracellular(-20, -20, -20, 20, 20, 20, dx=10, volume_fraction=0.2, tortuosity=1.6)
k = rxd.Species(ecs, d=2, name="k", charge=1,
                initial=lambda nd: 10 if nd.x3d ** 2 + nd.y3d ** 2 + nd.z3d ** 2 < 100 else 1)
out = []
for cv in (0, 1):
    h.cvode_active(cv)
    h.finitialize(-65)
    h.continuerun(5)
    out.append([h.t, k[ecs].nodes[0].concentration, max(n.concentration for n in k[ecs].nodes)])
print(json.dumps(out))
'''

NEURON_902 = [[5.000000000000037, 1.0004774827150347, 9.023103465138758],
              [5.0, 1.000555542118543, 9.025498610734251]]


def test_extracellular_only_model_under_cvode():
    # a fresh process: sections made by other tests would join the model
    res = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    got = json.loads(res.stdout.strip().splitlines()[-1])
    for row, ref in zip(got, NEURON_902):
        assert row[0] == ref[0]
        for a, b in zip(row[1:], ref[1:]):
            assert abs(a - b) <= 1e-12 * abs(b)
