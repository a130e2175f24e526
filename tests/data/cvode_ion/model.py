"""A calcium pool writing cai as a STATE, a Ca current reading eca, hh, under CVode (global,
local step, IDA): prints steps, v, cai and eca at the end.  Run where the two .mod files
are compiled (nrnivmodl)."""
import json
import sys

from neuron import h

h.load_file("stdrun.hoc")
h.celsius = 22
s = h.Section(name="s")
s.L = s.diam = 20
for m in ("hh", "cachan", "capool"):
    s.insert(m)
st = h.IClamp(s(0.5))
st.delay, st.dur, st.amp = 5, 40, 0.25
h.cvode_active(1)
if "local" in sys.argv:
    h.cvode.use_local_dt(1)
tv = h.Vector().record(h._ref_t)
h.finitialize(-65)
h.continuerun(60)
print(json.dumps([tv.size(), s(0.5).v, s(0.5).cai, s(0.5).eca]))
