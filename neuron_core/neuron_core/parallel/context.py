"""`h.ParallelContext`: NEURON's parallel API as one facade over the small modules of this
package (gid tables, spike exchange, psolve, collectives, bulletin board, transfer).

Every instance shares the process's network state, as in NEURON; an instance keeps only its
bulletin-board session (userids, pack buffer, last result).
"""
from __future__ import annotations

import os
import time
from typing import Any, Optional

from ..errors import NeuronError
from ..model import model
from . import abort, collectives, netpar, transfer, world
from .bulletin import Session
from .exchange import spikes
from .gids import table
from .strdef import set_text


class ParallelContext:
    """pc = h.ParallelContext(): gids, spike exchange, collectives, bulletin board."""

    hoc_name = "ParallelContext"
    _count = 0

    def __init__(self, nhost: Optional[float] = None):
        self._bb = Session()
        self._index = ParallelContext._count
        ParallelContext._count += 1
        netpar.ensure_init_hook()

    def hname(self) -> str:
        return "ParallelContext[%d]" % self._index

    __repr__ = hname

    # ---------------------------------------------------------------- identity

    def nhost(self) -> int:
        return world.net().size

    def id(self) -> int:
        return world.net().rank

    def nhost_world(self) -> int:
        return world.world().size

    def id_world(self) -> int:
        return world.world().rank

    def nhost_bbs(self) -> int:
        b = world.bbs()
        return b.size if b is not None else -1

    def id_bbs(self) -> int:
        b = world.bbs()
        return b.rank if b is not None else -1

    def subworlds(self, size) -> float:
        if not table.empty():
            raise NeuronError("subworlds(%s) must be called before any gid is set up" % size)
        world.subworlds(size)
        return 0.0

    def mpiabort_on_error(self, flag=None) -> float:
        return abort.abort_on_error(flag)

    def timeout(self, seconds=None) -> float:
        return abort.set_timeout(seconds)

    # ----------------------------------------------------------------- network

    def set_gid2node(self, gid, node) -> float:
        table.set_gid2node(gid, node, self.id())
        return 0.0

    def gid_exists(self, gid) -> int:
        return table.exists(gid)

    def cell(self, gid, netcon, output=1) -> float:
        table.cell(gid, netcon, bool(output), self.id())
        return 0.0

    def outputcell(self, gid) -> float:
        table.outputcell(gid, self.id())
        return 0.0

    def threshold(self, gid, th=None) -> float:
        ps = table.presyn(gid, "threshold (gid not associated with spike generation location)", self.id())
        if th is not None:
            ps.c.threshold = float(th)
        return float(ps.c.threshold)

    def gid_connect(self, srcgid, target, netcon=None):
        return table.connect(srcgid, target, netcon, self.id())

    def gid2obj(self, gid):
        return table.gid2obj(gid, self.id())

    def gid2cell(self, gid):
        return table.gid2cell(gid, self.id())

    def spike_record(self, gid, tvec, idvec=None) -> float:
        table.spike_record(gid, tvec, idvec, self.id())
        return 0.0

    def gid_clear(self, kind=0) -> float:
        kind = int(kind)
        if kind in (0, 3, 4):
            transfer.clear()
        if kind in (0, 1, 4):
            table.clear()
            netpar.clear()
        return 0.0

    def set_maxstep(self, maxstep) -> float:
        return netpar.set_maxstep(maxstep)

    def psolve(self, tstop) -> float:
        return netpar.psolve(tstop)

    def spike_compress(self, nspike=None, gid_compress=1, xchng_meth=0) -> float:
        """Accepted for compatibility; the exchange format does not change the spikes."""
        return 0.0

    def spike_statistics(self, nsend=None, nrecv=None, nrecv_useful=None) -> int:
        for ref, value in ((nsend, spikes.nsend), (nrecv, spikes.nrecv),
                           (nrecv_useful, spikes.nrecv_useful)):
            if ref is not None:
                ref[0] = value
        return int(spikes.nsendmax)

    def max_histogram(self, vec=None):
        old, spikes.histogram = spikes.histogram, vec
        return old

    # ----------------------------------------------------------- gap junctions

    def source_var(self, ref, sgid, sec=None) -> float:
        transfer.source_var(ref, sgid, sec)
        return 0.0

    def target_var(self, *args) -> float:
        transfer.target_var(*args)
        return 0.0

    def setup_transfer(self) -> float:
        transfer.setup(world.net())
        return 0.0

    def _unavailable(self, what: str):
        raise NeuronError("ParallelContext.%s is not available in this implementation" % what)

    def splitcell_connect(self, *args, **kwargs):
        self._unavailable("splitcell_connect (cells split across ranks)")

    def multisplit(self, *args, **kwargs):
        self._unavailable("multisplit (cells split across ranks)")

    def nrnbbcore_write(self, *args, **kwargs):
        self._unavailable("nrnbbcore_write (CoreNEURON)")

    def nrncore_write(self, *args, **kwargs):
        self._unavailable("nrncore_write (CoreNEURON)")

    def nrncore_run(self, *args, **kwargs):
        self._unavailable("nrncore_run (CoreNEURON)")

    # ------------------------------------------------------------- collectives

    def barrier(self) -> float:
        return collectives.barrier()

    def allreduce(self, x, op) -> float:
        return collectives.allreduce(x, op)

    def allgather(self, x, vec) -> float:
        return collectives.allgather(x, vec)

    def alltoall(self, vsrc, vcnt, vdest) -> float:
        return collectives.alltoall(vsrc, vcnt, vdest)

    def broadcast(self, x, root) -> float:
        return collectives.broadcast(x, root)

    def py_alltoall(self, objs, bufsize=None):
        return collectives.py_alltoall(objs, bufsize)

    def py_allgather(self, obj):
        return collectives.py_allgather(obj)

    def py_gather(self, obj, root):
        return collectives.py_gather(obj, root)

    def py_broadcast(self, obj, root):
        return collectives.py_broadcast(obj, root)

    def py_scatter(self, objs, root):
        return collectives.py_scatter(objs, root)

    # ---------------------------------------------------------- bulletin board

    def submit(self, *args) -> float:
        return self._bb.submit(args)

    def working(self) -> int:
        return self._bb.working()

    def retval(self) -> float:
        return self._bb.retval

    def pyret(self) -> Any:
        return self._bb.take_pyret()

    def userid(self) -> float:
        return self._bb.userid

    def context(self, *args) -> float:
        """Run on every worker but not on the master."""
        self._bb.context(args)
        return 1.0

    def runworker(self) -> float:
        """The master returns at once; workers run tasks until done() (then exit)."""
        self._bb.runworker()
        return 0.0

    def done(self) -> float:
        self._bb.done()
        return 0.0

    def master_works_on_jobs(self, flag=None) -> float:
        from . import bulletin_mpi
        m = bulletin_mpi._board["master"]
        old = 1.0 if (m is None or m.master_works) else 0.0
        if flag is not None and m is not None:
            m.master_works = bool(flag)
        return old

    def post(self, key, *items) -> float:
        self._bb.post(key, items)
        return 1.0

    def take(self, key, *targets) -> float:
        self._bb.look(key, targets, take=True, block=True)
        return 1.0

    def look(self, key, *targets) -> bool:
        return self._bb.look(key, targets, take=False, block=False)

    def look_take(self, key, *targets) -> bool:
        return self._bb.look(key, targets, take=True, block=False)

    def pack(self, *items) -> float:
        self._bb.pack(items)
        return 0.0

    def unpack(self, *targets) -> float:
        self._bb.current.unpack_into(targets)
        return 0.0

    def upkscalar(self) -> float:
        return self._bb.current.scalar()

    def upkstr(self, strdef):
        set_text(strdef, self._bb.current.string())
        return strdef

    def upkvec(self, vec=None):
        return self._bb.current.vector(vec)

    def upkpyobj(self) -> Any:
        return self._bb.current.pyobj()

    # ------------------------------------------------------------------ timing

    def time(self) -> float:
        return float(time.perf_counter())

    def wait_time(self) -> float:
        return float(spikes.wait_time)

    def send_time(self) -> float:
        return float(spikes.send_time)

    def integ_time(self) -> float:
        return float(netpar.state.integ_time)

    def step_time(self) -> float:
        return float(netpar.state.integ_time)

    def event_time(self) -> float:
        """Threshold checks and deliveries run inside the C step: counted in integ_time."""
        return 0.0

    def vtransfer_time(self, kind=0) -> float:
        return float(transfer.state.time) if int(kind) == 0 else 0.0

    def mech_time(self, i=None) -> float:
        """Per-mechanism timing is not collected by the engine (always 0)."""
        return 0.0

    # ----------------------------------------------------------------- threads

    def nthread(self, n=None, parallel=1) -> int:
        if n is not None:
            n = int(n)
            if n < 1:
                raise NeuronError("nthread(%d): the number of threads must be >= 1" % n)
            if not hasattr(model, "nthread"):
                if n > 1:
                    raise NeuronError("nthread(%d): threads are not available in this engine" % n)
            elif n != model.nthread:
                model.nthread = n
                model.structure_dirty = True
        return int(getattr(model, "nthread", 1))

    def t(self, ithread=0) -> float:
        return float(model.t)

    def dt(self, ithread=0) -> float:
        return float(model.dt)

    def thread_busywait(self, flag=None) -> float:
        """Accepted: how idle threads wait does not change results."""
        return 0.0

    def nworker(self) -> int:
        n = int(getattr(model, "nthread", 1))
        return n if n > 1 else 0

    def thread_how_many_proc(self) -> int:
        return os.cpu_count() or 1
