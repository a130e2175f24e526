"""Checks of the gid network made at finitialize, with the same verdict on every rank.

Two mistakes cannot be seen when they are made, only once every rank has built its part:
a gid owned by two ranks, and a `gid_connect` to a gid that no rank ever gives a cell (its
NetCons would silently never fire).  Both are found here with collectives, and the error
(naming the gids and ranks) is raised on every rank, so none is left waiting.

Gids whose spikes come from outside the network (PatternStim) are declared with
`external_gids.update(...)` and are not reported.
"""
from __future__ import annotations

from typing import List, Optional, Set

import numpy as np

from ..errors import NeuronError
from .comm import MAX
from .gids import table

external_gids: Set[int] = set()
_last = {"version": -1}


def _describe_inputs(gids: List[int]) -> str:
    from ..engine import eng
    from ..netcon import _netcons
    parts = []
    for g in gids[:5]:
        ps = table.inputs[g]
        c = eng.presyns[ps.id]
        targets = []
        for k in range(min(c.nnc, 3)):
            nc = _netcons.get(c.nc[k])
            tgt = nc.syn() if nc is not None else None
            targets.append(tgt.hname() if tgt is not None else "?")
        parts.append("%d (-> %s)" % (g, ", ".join(targets) or "no NetCon"))
    more = "" if len(gids) <= 5 else " and %d more" % (len(gids) - 5)
    return ", ".join(parts) + more


def _missing_message(missing: List[int], rank: Optional[int]) -> str:
    where = "" if rank is None else " on rank %d" % rank
    return ("gid_connect to gid %s%s, but no rank ever associated %s with a cell "
            "(pc.set_gid2node + pc.cell)" % (_describe_inputs(missing), where,
                                             "it" if len(missing) == 1 else "them"))


def check_network(comm) -> None:
    """Raise NeuronError on every rank if the gid network is inconsistent."""
    dirty = float(table.version != _last["version"])
    if comm.size > 1:
        dirty = comm.allreduce(np.array([dirty]), MAX)[0]
    if not dirty:
        return
    if comm.size == 1:
        missing = sorted(g for g in table.inputs if g not in external_gids)
        if missing:
            raise NeuronError(_missing_message(missing, None))
        _last["version"] = table.version
        return
    owned = np.array(sorted(table.owned), dtype=np.float64)
    with_cell = np.array(sorted(g for g, ps in table.owned.items() if ps is not None), dtype=np.float64)
    counts = comm.allgather_array(np.array([len(owned), len(with_cell)], dtype=np.int64))
    all_owned = comm.allgatherv(owned, counts[:, 0]).astype(np.int64)
    all_cells = comm.allgatherv(with_cell, counts[:, 1]).astype(np.int64)
    problems = []
    uniq, n_owners = np.unique(all_owned, return_counts=True)
    dup = uniq[n_owners > 1]
    if len(dup):
        owner_rank = np.repeat(np.arange(comm.size), counts[:, 0])
        desc = []
        for g in dup[:5].tolist():
            ranks = owner_rank[all_owned == g].tolist()
            desc.append("gid %d on ranks %s" % (g, ", ".join(map(str, ranks))))
        more = "" if len(dup) <= 5 else " and %d more" % (len(dup) - 5)
        problems.append("gid used twice: set_gid2node gave the same gid to more than one rank (%s%s)"
                        % ("; ".join(desc), more))
    cells = set(all_cells.tolist())
    missing = sorted(g for g in table.inputs if g not in cells and g not in external_gids)
    local = _missing_message(missing, comm.rank) if missing else None
    reports = comm.allgather(local)
    problems.extend(r for r in reports if r)
    if problems:
        raise NeuronError("; ".join(problems))
    _last["version"] = table.version


def forget() -> None:
    _last["version"] = -1
