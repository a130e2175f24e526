"""A ring network distributed over the ranks of an MPI job (or one process without MPI).

NRING rings of NCELL hh somas with two ExpSyn-like synapses each; cell i of a ring drives
cell i+1 (delay 1 ms) and every cell also drives the cell two rings further (delay 2.5 ms)
on its second synapse; one artificial stimulator per ring, itself a gid, kicks cell 0.
Gids are dealt round-robin over the ranks, so nearly every connection spans ranks.
Rank 0 prints the whole raster (sorted) as one JSON line; it must not depend on the number
of ranks.

Usage: [mpiexec -n K] python ring_model.py LIBTESTMECHS.so [--tstop T] [--split]
(--split runs psolve in two calls).  Extra modes used by the tests: --fail-rank R makes
rank R raise during the run, --hang-rank R makes it stop responding (the watchdog must end
the job after --timeout seconds); --dup-gid and --missing-gid build a bad network.
"""
import argparse
import json
import sys
import time

if "--mpi4py-first" in sys.argv:
    from mpi4py import MPI  # noqa: F401

import neuron_core as nc
from neuron_core.parallel import ParallelContext, nrnmpi_init
from neuron_core.pointprocess import point_process_class
from neuron_core.simulation import schedule_python_event
from neuron_core.vector import Vector


def pp(name, *args):
    return point_process_class(nc.registry.types[name])(*args)


def emit(record):
    """One JSON object per line, written in one call so ranks' lines do not interleave."""
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


def main():
    a = argparse.ArgumentParser()
    a.add_argument("lib")
    a.add_argument("--nring", type=int, default=6)
    a.add_argument("--ncell", type=int, default=5)
    a.add_argument("--tstop", type=float, default=60.0)
    a.add_argument("--split", action="store_true")
    a.add_argument("--mpi4py-first", action="store_true")
    a.add_argument("--fail-rank", type=int, default=-1)
    a.add_argument("--dup-gid", action="store_true")
    a.add_argument("--missing-gid", action="store_true")
    a.add_argument("--catch", action="store_true", help="report errors as JSON on every rank")
    a.add_argument("--hang-rank", type=int, default=-1, help="this rank stops responding at 5 ms")
    a.add_argument("--timeout", type=float, default=None)
    args = a.parse_args()

    nc.load_library_file(args.lib)
    if not args.mpi4py_first:
        nrnmpi_init()
    pc = ParallelContext()
    rank, nhost = pc.id(), pc.nhost()
    ncellall = args.nring * args.ncell
    keep = []
    syns = {}
    for gid in range(ncellall):
        if gid % nhost != rank:
            continue
        soma = nc.Section(name="soma%d" % gid)
        soma.L = soma.diam = 12.6157 + 0.01 * (gid % 7)
        soma.insert("thh")
        s1 = pp("tExpSyn", soma(0.5))
        s1.tau = 2.0
        s2 = pp("tExpSyn", soma(0.5))
        s2.tau = 3.0
        syns[gid] = (s1, s2)
        pc.set_gid2node(gid, rank)
        det = nc.NetCon(soma(0.5)._ref_v, None)
        det.threshold = 10.0
        pc.cell(gid, det)
        keep += [soma, det]
    for r in range(args.nring):
        gid = ncellall + r
        if gid % nhost == rank:
            st = pp("tStim")
            st.start, st.interval, st.number = 0.5 + 0.3 * r, 17.0 + r, 3
            pc.set_gid2node(gid, rank)
            pc.cell(gid, nc.NetCon(st, None))
            keep.append(st)
    if args.dup_gid:
        pc.set_gid2node(ncellall + 1000, rank)
        keep.append(pp("tStim"))
        pc.cell(ncellall + 1000, nc.NetCon(keep[-1], None))
    for gid, (s1, s2) in syns.items():
        r, i = divmod(gid, args.ncell)
        pre = r * args.ncell + (i - 1) % args.ncell
        c = pc.gid_connect(pre, s1)
        c.delay, c.weight[0] = 1.0, 0.012
        keep.append(c)
        cross = ((r - 2) % args.nring) * args.ncell + i
        c = pc.gid_connect(cross, s2)
        c.delay, c.weight[0] = 2.5, 0.004
        keep.append(c)
        if i == 0:
            c = pc.gid_connect(ncellall + r, s1)
            c.delay, c.weight[0] = 1.0, 0.02
            keep.append(c)
    if args.missing_gid and rank == nhost - 1 and syns:
        keep.append(pc.gid_connect(10 ** 6, next(iter(syns.values()))[0]))
    if args.fail_rank == rank:
        # an engine error at t = 7.3 on this rank only: net_send with a negative delay
        bad = pp("tStim")
        bad.start, bad.interval, bad.number = 7.3, -1.0, 2
        keep.append(bad)
    tvec, idvec = Vector(), Vector()
    pc.spike_record(-1, tvec, idvec)
    mindelay = pc.set_maxstep(10)
    nc.model.dt = 0.025
    if args.timeout is not None:
        pc.timeout(args.timeout)
    try:
        nc.finitialize(-65.0)
        if args.hang_rank == rank:
            schedule_python_event(5.0, lambda: time.sleep(120))
        if args.split:
            pc.psolve(args.tstop / 2)
        pc.psolve(args.tstop)
    except Exception as exc:
        if not args.catch:
            raise
        emit({"rank": rank, "error": type(exc).__name__, "message": str(exc)})
        return
    spikes = sorted(zip(tvec.as_numpy().tolist(), idvec.as_numpy().astype(int).tolist()))
    every = pc.py_gather(spikes, 0)
    nsend = [0.0]
    pc.spike_statistics(nsend)
    if rank == 0:
        allspikes = sorted(s for part in every for s in part)
        emit({"nhost": nhost, "t": nc.model.t, "mindelay": mindelay, "spikes": allspikes})
    pc.barrier()


if __name__ == "__main__":
    main()
