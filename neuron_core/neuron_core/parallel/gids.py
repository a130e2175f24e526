"""The gid tables of this rank: which gids it owns, their spike sources, and stand-in sources
for gids that live elsewhere.

A gid owned here (`set_gid2node`) is bound by `cell(gid, netcon)` to that NetCon's source
(its PreSyn), which NetCons made by `gid_connect` then share, exactly like NetCons built on
the source directly.  A gid not owned here gets an `InputPreSyn` at its first `gid_connect`:
a source with no watched variable that fires when the spike exchange delivers one of that
gid's spikes.  One table per process, shared by every ParallelContext, as in NEURON.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

import numpy as np

from ..engine import eng, lib
from ..errors import NeuronError
from ..netcon import NetCon, PreSyn, _ref_section, attach_presyn
from ..pointprocess import PointProcess


def as_gid(x, what: str = "gid") -> int:
    """A gid argument as int; NEURON requires an integer >= 0."""
    try:
        g = int(x)
    except (TypeError, ValueError):
        raise NeuronError("%s must be an integer >= 0, not %r" % (what, x)) from None
    if g != x or g < 0 or g >= 2 ** 31:
        raise NeuronError("%s must be an integer in [0, 2**31), not %r" % (what, x))
    return g


class InputPreSyn(PreSyn):
    """The local stand-in source of a gid whose cell is on another rank (or nowhere)."""

    def __init__(self, gid: int):
        self.id = lib.nrn_presyn_new()
        if self.id < 0:
            raise MemoryError("cannot allocate the input source of gid %d" % gid)
        self.ref = None
        self.pp = None
        self.rec = None
        self.gid = gid
        self.netcons: list = []
        c = eng.presyns[self.id]
        c.gid = gid
        c.output = 0


def source_object(ps: PreSyn):
    """What a NetCon built on this source would have as `source` (Ref, point process or None)."""
    if ps.ref is not None:
        return ps.ref
    return ps.pp() if ps.pp is not None else None


def attach(netcon: NetCon, ps: PreSyn) -> None:
    """Make `netcon` take its events from `ps` (NetCon.replace_src in NEURON's terms)."""
    if netcon._presyn is ps:
        return
    attach_presyn(netcon, ps)
    netcon._source = source_object(ps)


def _target_check(srcgid: int, target) -> None:
    if not isinstance(target, PointProcess):
        raise NeuronError("gid_connect(%d, %r): arg 2 must be a point process" % (srcgid, target))
    mt = target._mt
    if mt.meta.get("net_receive") is None and (mt.desc is None or not mt.desc.net_receive):
        raise NeuronError("gid_connect(%d, %s): %s has no NET_RECEIVE block and cannot be a NetCon "
                          "target" % (srcgid, target.hname(), target.hname()))


class GidTable:
    """gid -> spike source on this rank, and gid -> stand-in source for remote gids."""

    def __init__(self):
        self.owned: Dict[int, Optional[PreSyn]] = {}   # set_gid2node(gid, me); None until cell()
        self.inputs: Dict[int, InputPreSyn] = {}       # gid_connect to gids not owned here
        self.version = 0                                # bumps at every change (validation cache)
        self._input_index: Optional[Tuple[np.ndarray, np.ndarray]] = None

    def _changed(self) -> None:
        self.version += 1
        self._input_index = None

    def empty(self) -> bool:
        return not self.owned and not self.inputs

    # -------------------------------------------------------- ownership, cells

    def set_gid2node(self, gid: int, node: int, me: int) -> None:
        gid = as_gid(gid)
        if int(node) != me:
            return
        if gid in self.inputs:
            raise NeuronError("gid=%d already exists as an input port. Setup all the output ports on "
                              "this process before using them as input ports." % gid)
        if gid in self.owned:
            raise NeuronError("gid=%d already exists on this process as an output port" % gid)
        self.owned[gid] = None
        self._changed()

    def cell(self, gid: int, netcon, output: bool, me: int) -> None:
        gid = as_gid(gid)
        if gid in self.inputs:
            raise NeuronError("gid=%d is in the input list. Must register with pc.set_gid2node prior "
                              "to connecting" % gid)
        if gid not in self.owned:
            raise NeuronError("gid=%d has not been set on rank %d" % (gid, me))
        if not isinstance(netcon, NetCon):
            raise NeuronError("pc.cell(%d, ...): arg 2 must be a NetCon, not %r" % (gid, netcon))
        ps = netcon._presyn
        if ps is None:
            raise NeuronError("pc.cell second arg, %s, has no source" % netcon.hname())
        if 0 <= ps.gid != gid:
            raise NeuronError("Can't associate gid %d. PreSyn already associated with gid %d."
                              % (gid, ps.gid))
        old = self.owned[gid]
        if old is not None and old is not ps:
            raise NeuronError("gid=%d already has a spike source on rank %d (pc.cell called twice "
                              "with different sources); a gid names one source" % (gid, me))
        self.owned[gid] = ps
        ps.gid = gid
        c = ps.c
        c.gid = gid
        c.output = 1 if output else 0
        self._changed()

    def presyn(self, gid, what: str, me: int) -> PreSyn:
        """The source bound to an owned gid, or a clear error."""
        g = as_gid(gid)
        ps = self.owned.get(g)
        if ps is None:
            state = "owned but has no cell (pc.cell)" if g in self.owned else "not owned"
            raise NeuronError("%s: gid %d is %s on rank %d" % (what, g, state, me))
        return ps

    def outputcell(self, gid: int, me: int) -> None:
        ps = self.presyn(gid, "outputcell", me)
        ps.c.output = 1
        self._changed()

    def exists(self, gid: int) -> int:
        g = as_gid(gid)
        if g not in self.owned:
            return 0
        ps = self.owned[g]
        if ps is None:
            return 1
        return 3 if ps.c.output else 2

    def is_output(self, ps: PreSyn) -> bool:
        return bool(ps.c.output)

    # ------------------------------------------------------------- connections

    def connect(self, srcgid, target, netcon: Optional[NetCon], me: int) -> NetCon:
        gid = as_gid(srcgid, "source gid")
        _target_check(gid, target)
        if gid in self.owned:
            ps = self.owned[gid]
            if ps is None:
                raise NeuronError("gid %d owned by %d but no associated cell" % (gid, me))
        else:
            ps = self.inputs.get(gid)
            if ps is None:
                ps = self.inputs[gid] = InputPreSyn(gid)
                self._changed()
        if netcon is not None:
            if not isinstance(netcon, NetCon):
                raise NeuronError("gid_connect(%d, %s, arg 3): arg 3 must be a NetCon"
                                  % (gid, target.hname()))
            if netcon._target is not target:
                raise NeuronError("gid_connect(%d, %s, %s): target is different from 3rd arg NetCon "
                                  "target" % (gid, target.hname(), netcon.hname()))
            nc = netcon
        else:
            nc = NetCon(None, target)
        attach(nc, ps)
        return nc

    def fake_fire(self, gid: int, t: float, fake_out: int = 0) -> bool:
        """Make gid spike at t here as if it came from its cell (PatternStim, NEURON's
        nrn_fake_fire): fake_out 0 or 1 fires the stand-in source of a remote gid, 2 the
        source of a gid owned here.  False when this rank has no such source."""
        ps = self.inputs.get(gid) if fake_out < 2 else self.owned.get(gid)
        if ps is None:
            return False
        lib.nrn_presyn_fire(ps.id, float(t))
        return True

    def input_index(self) -> Tuple[np.ndarray, np.ndarray]:
        """(sorted input gids, their engine source ids) for looking up arriving spikes."""
        if self._input_index is None:
            gids = np.array(sorted(self.inputs), dtype=np.int64)
            ids = np.array([self.inputs[g].id for g in gids], dtype=np.int64)
            self._input_index = (gids, ids)
        return self._input_index

    def input_netcon_delays(self) -> Iterable[float]:
        """Delays of the NetCons fed by input sources (the connections that span ranks)."""
        for ps in self.inputs.values():
            c = eng.presyns[ps.id]
            for k in range(c.nnc):
                yield eng.netcons[c.nc[k]].delay

    # ------------------------------------------------------------------ objects

    def gid2obj(self, gid, me: int):
        ps = self.presyn(gid, "gid2obj", me)
        if ps.ref is not None:
            sec = _ref_section(ps.ref)
            return sec.cell() if sec is not None else None
        return ps.pp() if ps.pp is not None else None

    def gid2cell(self, gid, me: int):
        ps = self.presyn(gid, "gid2cell", me)
        if ps.ref is not None:
            return self.gid2obj(gid, me)
        pp = ps.pp() if ps.pp is not None else None
        if pp is not None:
            seg = pp.get_segment() if hasattr(pp, "get_segment") else None
            if seg is not None:
                owner = seg.sec.cell()
                if owner is not None:
                    return owner
        return pp

    # ---------------------------------------------------------------- recording

    def spike_record(self, which, tvec, idvec, me: int) -> None:
        if tvec is None:
            raise NeuronError("spike_record needs a Vector for the spike times")
        if hasattr(which, "as_numpy"):
            gids: List[int] = [as_gid(g) for g in which.as_numpy()]
            sources = [(g, self.presyn(g, "spike_record", me)) for g in gids]
        elif int(which) == -1:
            sources = [(g, ps) for g, ps in sorted(self.owned.items())
                       if ps is not None and ps.c.output]
        else:
            g = as_gid(which)
            sources = [(g, self.presyn(g, "spike_record", me))]
        for g, ps in sources:
            c = ps.c
            c.rec_t = tvec._cv
            c.rec_id = idvec._cv if idvec is not None else _null()
            c.rec_idval = float(g)
            ps.rec = (tvec, idvec)

    # -------------------------------------------------------------------- reset

    def clear(self) -> None:
        """gid_clear: forget every gid; NetCons keep their (now anonymous) sources."""
        for ps in self.owned.values():
            if ps is not None:
                ps.gid = -1
                ps.c.gid = -1
                ps.c.output = 0
        for ps in self.inputs.values():
            ps.gid = -1
            ps.c.gid = -1
        self.owned.clear()
        self.inputs.clear()
        self._changed()


def _null():
    from ..engine import ffi
    return ffi.NULL


table = GidTable()
