"""Gap junctions and other continuous couplings: `source_var`, `target_var`, `setup_transfer`.

Each target variable receives the value of the source with the same sgid at
initialization and after every time step, so every step starts from the sources' values
at its beginning (NEURON copies before the step's SOLVE blocks; the currents see the same
values).  The copy is a non-voltage block of the engine's step; sources on other ranks are
exchanged with one alltoallv per step, as NEURON does.  Values are moved with numpy, grouped
by the array that holds them, and the locations are re-resolved after each model rebuild.
"""
from __future__ import annotations

import time
from collections import defaultdict
from typing import Dict, List, Optional, Tuple

import numpy as np

from ..engine import ffi
from ..errors import NeuronError
from ..model import model
from ..refs import Ref
from ..nonvint import INIT, SOLVE, register, unregister
from .exchange import stop_engine


class TransferState:
    def __init__(self):
        self.sources: Dict[int, Ref] = {}
        self.targets: List[Tuple[Ref, int, object]] = []
        self.plan: Optional["Plan"] = None
        self.block = None          # (cffi callback, nonvint id)
        self.time = 0.0


state = TransferState()


def _check_ref(ref, what: str) -> Ref:
    if not isinstance(ref, Ref):
        raise NeuronError("%s: expected a pointer such as sec(x)._ref_v, not %r" % (what, ref))
    return ref


def _sgid(x, what: str) -> int:
    try:
        g = int(x)
    except (TypeError, ValueError):
        raise NeuronError("%s: the transfer id must be an integer, not %r" % (what, x)) from None
    if g != x:
        raise NeuronError("%s: the transfer id must be an integer, not %r" % (what, x))
    return g


def source_var(ref, sgid, sec=None) -> None:
    ref = _check_ref(ref, "source_var")
    g = _sgid(sgid, "source_var")
    if g in state.sources:
        raise NeuronError("source_var: source id %d is already used on this rank" % g)
    state.sources[g] = ref
    state.plan = None


def target_var(*args) -> None:
    if len(args) == 3:
        pp, ref, sgid = args
    elif len(args) == 2:
        pp, (ref, sgid) = None, args
    else:
        raise NeuronError("target_var([point_process,] _ref_var, source_id)")
    state.targets.append((_check_ref(ref, "target_var"), _sgid(sgid, "target_var"), pp))
    state.plan = None


class _Group:
    """Elements of one numpy array, and their slots in the value vector."""

    __slots__ = ("arr", "idx", "slot")

    def __init__(self, arr, idx, slot):
        self.arr, self.idx, self.slot = arr, np.asarray(idx, dtype=np.intp), np.asarray(slot, dtype=np.intp)


def _groups(refs_slots) -> List[_Group]:
    by_array = defaultdict(lambda: ([], [], None))
    keep = {}
    for ref, slot in refs_slots:
        arr, i = ref._array_index()
        key = id(arr)
        keep[key] = arr
        by_array[key][0].append(i)
        by_array[key][1].append(slot)
    return [_Group(keep[k], idx, slot) for k, (idx, slot, _) in by_array.items()]


class Plan:
    """Who sends which source values where, and which value each target takes."""

    def __init__(self, comm):
        self.comm = comm
        needed = sorted({g for _, g, _ in state.targets})
        local = set(state.sources)
        if comm.size > 1:
            owners = comm.allgather(sorted(local))
            where: Dict[int, List[int]] = defaultdict(list)
            for r, gs in enumerate(owners):
                for g in gs:
                    where[g].append(r)
            dup = sorted(g for g, rs in where.items() if len(rs) > 1)
            missing = [g for g in needed if g not in where]
        else:
            where = {g: [0] for g in local}
            dup = []
            missing = [g for g in needed if g not in local]
        problems = []
        if dup:
            problems.append("source_var id %s used on more than one rank" % dup[:5])
        if missing:
            problems.append("target_var with source id %s on rank %d, but no rank called source_var "
                            "with %s" % (missing[:5], comm.rank, "it" if len(missing) == 1 else "them"))
        if comm.size > 1:
            problems = [p for ps in comm.allgather(problems) for p in ps]
        if problems:
            raise NeuronError("setup_transfer: " + "; ".join(dict.fromkeys(problems)))
        # value vector: this rank's own sources first, then values received, rank by rank
        remote = [g for g in needed if g not in local]
        want_from = [[g for g in remote if where[g][0] == r] for r in range(comm.size)]
        asked = comm.alltoall(want_from) if comm.size > 1 else [[]]
        own = sorted(local)
        slot = {g: i for i, g in enumerate(own)}
        recv_order = [g for r in range(comm.size) for g in want_from[r]]
        for g in recv_order:
            slot[g] = len(slot)
        self.nvalue = len(slot)
        self.own_refs = [state.sources[g] for g in own]
        self.send_slots = np.array([slot[g] for r in range(comm.size) for g in asked[r]], dtype=np.intp)
        self.send_counts = np.array([len(a) for a in asked], dtype=np.int64)
        self.recv_start = len(own)
        self.target_slots = [(ref, slot[g]) for ref, g, _ in state.targets]
        self.values = np.zeros(self.nvalue)
        self.resolve()

    def resolve(self) -> None:
        self.src_groups = _groups(zip(self.own_refs, range(len(self.own_refs))))
        self.tgt_groups = _groups(self.target_slots)

    def copy(self) -> None:
        vals = self.values
        for g in self.src_groups:
            vals[g.slot] = g.arr[g.idx]
        if self.comm.size > 1:
            got = self.comm.alltoallv(vals[self.send_slots], self.send_counts)
            vals[self.recv_start:self.recv_start + len(got)] = got
        for g in self.tgt_groups:
            g.arr[g.idx] = vals[g.slot]


def _rebuilt() -> None:
    if state.plan is not None:
        state.plan.resolve()


def _block(ctx, phase, data) -> None:
    if phase != INIT and phase != SOLVE:
        return
    try:
        t0 = time.perf_counter()
        state.plan.copy()
        state.time += time.perf_counter() - t0
    except BaseException as exc:
        stop_engine(exc)


def setup(comm) -> None:
    """setup_transfer (every rank): build the exchange plan and join the engine's step."""
    plan = Plan(comm)
    model.ensure_built()
    plan.resolve()
    state.plan = plan
    if state.block is None:
        cb = ffi.callback("nrn_nonvint_fn", _block)
        ident = register(int(ffi.cast("uintptr_t", cb)))
        state.block = (cb, ident)
        if _rebuilt not in model.on_rebuild:
            model.on_rebuild.append(_rebuilt)


def clear() -> None:
    """gid_clear(3): forget every source and target and leave the step."""
    if state.block is not None:
        unregister(state.block[1])
        state.block = None
    state.sources.clear()
    state.targets.clear()
    state.plan = None
