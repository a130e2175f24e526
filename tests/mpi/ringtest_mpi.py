#!/usr/bin/env python
"""The shared ringtest benchmark (../shared/bench/models/ringtest.py) distributed over MPI
ranks: the same 125 rings x 8 ball-and-stick cells (same random nseg draws, same NetStims,
same connections), with gid g built only on rank g % nhost.  Run it as

    mpiexec -n 2 python tests/mpi/ringtest_mpi.py        (or without mpiexec: one rank)

Rank 0 prints one JSON line (run time of pc.psolve, spike count and checksum over all
ranks, which must equal those of one process).  Public NEURON API only, so it runs on
NEURON 9.0.2 too (`mpiexec -n 2 nrn-python tests/mpi/ringtest_mpi.py`).
"""
import argparse
import json
import random
import time

from neuron import h

h.nrnmpi_init()


class BallStick:
    def __init__(self, gid, nseg):
        self.soma = h.Section(name="soma", cell=self)
        self.dend = h.Section(name="dend", cell=self)
        self.dend.connect(self.soma(1.0))
        self.soma.L = self.soma.diam = 12.6157
        self.dend.L = 200.0
        self.dend.diam = 1.0
        self.dend.nseg = nseg
        for s in (self.soma, self.dend):
            s.Ra = 100.0
            s.cm = 1.0
        self.soma.insert("hh")
        self.dend.insert("pas")
        for seg in self.dend:
            seg.pas.g = 0.001
            seg.pas.e = -65.0
        self.syn = h.ExpSyn(self.dend(0.5))
        self.syn.tau = 2.0
        self.syn.e = 0.0
        self.gid = gid


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--nring", type=int, default=125)
    p.add_argument("--ncell", type=int, default=8, help="cells per ring")
    p.add_argument("--tstop", type=float, default=300.0)
    p.add_argument("--dt", type=float, default=0.025)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    t0 = time.perf_counter()
    pc = h.ParallelContext()
    rank, nhost = pc.id(), pc.nhost()
    rng = random.Random(a.seed)
    cells, ncs, stims = {}, [], []
    ntot = a.nring * a.ncell
    for gid in range(ntot):
        nseg = rng.choice([3, 5, 7, 9, 11])      # drawn on every rank: same cells as one process
        if gid % nhost != rank:
            continue
        c = BallStick(gid, nseg)
        cells[gid] = c
        pc.set_gid2node(gid, rank)
        nc = h.NetCon(c.soma(0.5)._ref_v, None, sec=c.soma)
        nc.threshold = 10.0
        pc.cell(gid, nc)
    for r in range(a.nring):
        base = r * a.ncell
        for i in range(a.ncell):
            src = base + i
            tgt = base + (i + 1) % a.ncell
            if tgt not in cells:
                continue
            nc = pc.gid_connect(src, cells[tgt].syn)
            nc.delay = 1.0
            nc.weight[0] = 0.01
            ncs.append(nc)
        if base in cells:
            ns = h.NetStim()
            ns.number = 1
            ns.start = 0.0
            ns.noise = 0
            nc = h.NetCon(ns, cells[base].syn)
            nc.delay = 1.0
            nc.weight[0] = 0.01
            stims.append((ns, nc))
    tvec, idvec = h.Vector(), h.Vector()
    pc.spike_record(-1, tvec, idvec)
    h.dt = a.dt
    pc.set_maxstep(10)
    h.finitialize(-65.0)
    setup_s = time.perf_counter() - t0

    pc.barrier()
    t1 = time.perf_counter()
    pc.psolve(a.tstop)
    run_s = time.perf_counter() - t1
    wait_s = pc.wait_time()

    nspk = int(pc.allreduce(tvec.size(), 1))
    tsum = pc.allreduce(sum(tvec), 1)
    run_max = pc.allreduce(run_s, 2)
    if rank == 0:
        print(json.dumps({
            "model": "ringtest_mpi", "nhost": nhost, "setup_s": round(setup_s, 4),
            "run_s": round(run_max, 4), "wait_s_rank0": round(wait_s, 4),
            "n_cells": ntot, "n_spikes": nspk, "spike_t_sum": round(tsum, 3),
        }), flush=True)


if __name__ == "__main__":
    main()
