"""Two hh somas coupled by a gap junction (each one's pas reversal is the other's voltage),
soma a on rank 0 and soma b on the last rank, so the voltages cross ranks every step.
Rank 0 prints the two traces as one JSON line; they must equal the one-process run (and
NEURON 9.0.2's, see neuron_core/tests/test_parallel_transfer.py).

Usage: [mpiexec -n K] python transfer_model.py LIBTESTMECHS.so
"""
import json
import sys

import neuron_core as nc
from neuron_core.parallel import ParallelContext, nrnmpi_init
from neuron_core.pointprocess import point_process_class
from neuron_core.vector import Vector


def main():
    nc.load_library_file(sys.argv[1])
    nrnmpi_init()
    pc = ParallelContext()
    rank, last = pc.id(), pc.nhost() - 1
    secs = {}
    for name, sgid, owner in (("a", 0, 0), ("b", 1, last)):
        if rank != owner:
            continue
        s = nc.Section(name=name)
        s.L = s.diam = 12.6157
        s.insert("thh")
        s.insert("tpas")
        s(0.5).tpas.g = 0.0005
        s(0.5).tpas.e = -65
        pc.source_var(s(0.5)._ref_v, sgid, sec=s)
        secs[name] = s
    keep = []
    if "a" in secs:
        ic = point_process_class(nc.registry.types["tIClamp"])(secs["a"](0.5))
        ic.delay, ic.dur, ic.amp = 1, 2, 0.3
        keep.append(ic)
        pc.target_var(secs["a"](0.5).tpas._ref_e, 1)
    if "b" in secs:
        pc.target_var(secs["b"](0.5).tpas._ref_e, 0)
    pc.setup_transfer()
    recs = {k: Vector().record(s(0.5)._ref_v) for k, s in secs.items()}
    nc.model.dt = 0.025
    pc.set_maxstep(10)
    nc.finitialize(-65)
    pc.psolve(20)
    traces = pc.py_gather({k: v.as_numpy().tolist() for k, v in recs.items()}, 0)
    if rank == 0:
        merged = {}
        for part in traces:
            merged.update(part)
        sys.stdout.write(json.dumps({"nhost": pc.nhost(), "a": merged["a"], "b": merged["b"]}) + "\n")
        sys.stdout.flush()
    pc.barrier()


if __name__ == "__main__":
    main()
