"""NetCon and its event source (PreSyn).

A source is a watched variable (`sec(x)._ref_v` with a threshold), a point process that emits
`net_event`, or nothing.  NetCons sharing a source share its threshold and its recording, as in
NEURON.  The C engine holds the tables; this module keeps them consistent with Python objects.
"""
from __future__ import annotations

import itertools
import weakref
from typing import Dict, Optional

import numpy as np

from .engine import check, eng, ffi, lib
from .errors import NeuronError
from .model import model
from .pointprocess import PointProcess
from .refs import Ref

_by_pnt: Dict[int, "weakref.ref"] = {}      # pnt id -> PreSyn (point-process sources)
_by_ref: Dict[int, "weakref.ref"] = {}      # address -> PreSyn (variable sources), per build
_var_presyns: "weakref.WeakSet" = weakref.WeakSet()


class _NetConTable:
    """Engine NetCon id -> live NetCon, without keeping it alive.  Plain weak references
    (cheaper to make than a WeakValueDictionary's); each NetCon removes its entry when freed."""

    def __init__(self):
        self._refs: Dict[int, "weakref.ref"] = {}

    def __setitem__(self, k: int, nc: "NetCon") -> None:
        self._refs[k] = weakref.ref(nc)

    def pop(self, k: int) -> None:
        self._refs.pop(k, None)

    def get(self, k: int) -> Optional["NetCon"]:
        r = self._refs.get(k)
        return r() if r is not None else None

    def __getitem__(self, k: int) -> "NetCon":
        nc = self.get(k)
        if nc is None:
            raise KeyError(k)
        return nc

    def keys(self) -> list:
        return [k for k, r in self._refs.items() if r() is not None]

    def values(self) -> list:
        return [nc for nc in (r() for r in list(self._refs.values())) if nc is not None]


_netcons = _NetConTable()
_creation = itertools.count()


class PreSyn:
    """A spike source shared by the NetCons that watch it."""

    def __init__(self, ref: Optional[Ref] = None, pp: Optional[PointProcess] = None):
        self.id = lib.nrn_presyn_new()
        if self.id < 0:
            raise MemoryError("cannot allocate a NetCon source")
        self.ref = ref
        self.pp = weakref.ref(pp) if pp is not None else None
        self.rec = None          # (tvec, idvec) kept alive while recording
        self.gid = -1
        self.netcons: list = []  # weak references to the NetCons fed by this source
        if ref is not None:
            _var_presyns.add(self)
            self._resolve()
        else:
            eng.presyns[self.id].pnt = pp._pnt
            pp.__dict__["_presyn_id"] = self.id
            if model.built is not None and pp._pnt < model.built.npnt:
                model.built.pnts[pp._pnt].presyn = self.id

    def _resolve(self) -> None:
        """Point the engine at the watched value; final once the model is built."""
        addr = self.ref.current_address()
        eng.presyns[self.id].thvar = lib_cast_double(addr)
        eng.thr_dirty = 1
        _by_ref[addr] = weakref.ref(self)

    @property
    def c(self):
        return eng.presyns[self.id]

    def __del__(self):
        try:
            if self.pp is not None:
                pp = self.pp()
                if pp is not None:
                    pp.__dict__["_presyn_id"] = -1
                    if model.built is not None and pp._pnt < model.built.npnt:
                        model.built.pnts[pp._pnt].presyn = -1
                _by_pnt.pop(eng.presyns[self.id].pnt, None)
            lib.nrn_presyn_free(self.id)
        except Exception:
            pass


def lib_cast_double(addr: int):
    return ffi.cast("double*", addr)


def _presyn_for(source) -> Optional[PreSyn]:
    if source is None:
        return None
    if isinstance(source, PointProcess):
        r = _by_pnt.get(source._pnt)
        ps = r() if r is not None else None
        if ps is None:
            ps = PreSyn(pp=source)
            _by_pnt[source._pnt] = weakref.ref(ps)
        return ps
    if isinstance(source, Ref):
        addr = source.current_address()
        r = _by_ref.get(addr)
        ps = r() if r is not None else None
        if ps is None or not ps.ref.same_location(source):
            ps = PreSyn(ref=source)
        return ps
    raise TypeError("NetCon source must be a _ref_ pointer, a point process or None")


def _rebuild_sources() -> None:
    _by_ref.clear()
    for ps in list(_var_presyns):
        try:
            ps._resolve()
        except NeuronError:
            eng.presyns[ps.id].thvar = lib_cast_double(0)
            eng.thr_dirty = 1


model.on_rebuild.append(_rebuild_sources)


class NetCon:
    """NEURON's NetCon(source, target [, threshold, delay, weight], sec=...)."""

    def __init__(self, source, target, threshold=None, delay=None, weight=None, sec=None):
        if target is not None:
            if not isinstance(target, PointProcess):
                raise TypeError("NetCon target must be a point process or None")
            wcnt = target._mt.netcon_weight_count
            if wcnt == 0:
                raise NeuronError("%s has no NET_RECEIVE block and cannot be a NetCon target"
                                  % target.hname())
        else:
            wcnt = 1
        self._id = lib.nrn_netcon_new()
        if self._id < 0:
            raise MemoryError("cannot allocate a NetCon")
        self._source = source
        self._target = target
        self._presyn = None
        ps = _presyn_for(source)
        self._w = np.zeros(wcnt)
        self._wbuf = ffi.from_buffer("double[]", self._w)   # keeps the engine's view valid
        c = eng.netcons[self._id]
        c.w = self._wbuf
        c.wcnt = wcnt
        c.target = target._pnt if target is not None else -1
        if ps is not None:
            attach_presyn(self, ps)
        self._seq = next(_creation)
        _netcons[self._id] = self
        if threshold is not None:
            self.threshold = threshold
        if delay is not None:
            self.delay = delay
        if weight is not None:
            self._w[0] = float(weight)

    @property
    def c(self):
        return eng.netcons[self._id]

    # The NetCon keeps neither end alive (as in NEURON): a point process the user lets go is
    # deleted, and its NetCons lose their source or target (point_process_gone).
    @property
    def _source(self):
        src = self._src
        return src() if isinstance(src, weakref.ref) else src

    @_source.setter
    def _source(self, source) -> None:
        self._src = weakref.ref(source) if isinstance(source, PointProcess) else source

    @property
    def _target(self) -> Optional[PointProcess]:
        tgt = self._tgt
        return None if tgt is None else tgt()

    @_target.setter
    def _target(self, target: Optional[PointProcess]) -> None:
        if target is None:
            self._tgt = None
            return
        self._tgt = weakref.ref(target)
        target.__dict__.setdefault("_nc_in", []).append(weakref.ref(self))

    def __del__(self):
        try:
            _netcons.pop(self._id)
            lib.nrn_netcon_free(self._id)
        except Exception:
            pass

    def hname(self) -> str:
        return "NetCon[%d]" % self._id

    __repr__ = hname

    # ---------------------------------------------------------- parameters

    @property
    def delay(self) -> float:
        return self.c.delay

    @delay.setter
    def delay(self, value: float) -> None:
        value = float(value)
        if value < 0:
            raise NeuronError("%s: delay cannot be negative (%g)" % (self.hname(), value))
        self.c.delay = value

    @property
    def threshold(self) -> float:
        if self._presyn is None:
            return 10.0
        return self._presyn.c.threshold

    @threshold.setter
    def threshold(self, value: float) -> None:
        if self._presyn is not None:
            self._presyn.c.threshold = float(value)

    @property
    def weight(self) -> "WeightVector":
        return WeightVector(self._w)

    @weight.setter
    def weight(self, value) -> None:
        self._w[0] = float(value)

    @property
    def x(self) -> float:
        if self._presyn is None or self._presyn.ref is None:
            return 0.0
        return self._presyn.ref.value

    def srcgid(self) -> int:
        """The gid of the source (ParallelContext), -1 when it has none."""
        if self._presyn is None:
            return -1
        return int(self._presyn.c.gid)

    def wcnt(self) -> int:
        return len(self._w)

    def active(self, flag=None) -> float:
        old = float(self.c.active)
        if flag is not None:
            self.c.active = 1 if flag else 0
        return old

    def valid(self) -> bool:
        """True when the NetCon has a live source and a target."""
        ps = self._presyn
        if ps is None or self._target is None:
            return False
        return ps.ref is None or ps.ref._owner is None or _ref_section(ps.ref) is not None

    # --------------------------------------------------------- connections

    def syn(self):
        return self._target

    def pre(self):
        return self._source if isinstance(self._source, PointProcess) else None

    def precell(self):
        if isinstance(self._source, PointProcess):
            seg = self._source.get_segment()
            return seg.sec.cell() if seg is not None else None
        if self._presyn is not None and self._source is not None:
            sec = _ref_section(self._source)
            return sec.cell() if sec is not None else None
        return None

    def postcell(self):
        if self._target is None:
            return None
        seg = self._target.get_segment()
        return seg.sec.cell() if seg is not None else None

    def preseg(self):
        src = self._source
        if isinstance(src, PointProcess):
            return src.get_segment()
        sec = _ref_section(src)
        desc = getattr(src, "_desc", "")
        if sec is not None and desc.endswith(".v"):
            import re
            m = re.search(r"\(([^()]*)\)\.v$", desc)
            if m:
                return sec(float(m.group(1)))
        return None

    def postseg(self):
        return self._target.get_segment() if self._target is not None else None

    def setpost(self, target) -> None:
        if target is not None and not isinstance(target, PointProcess):
            raise TypeError("NetCon target must be a point process or None")
        if target is not None and target._mt.netcon_weight_count == 0:
            raise NeuronError("%s has no NET_RECEIVE block and cannot be a NetCon target" % target.hname())
        self._target = target
        self.c.target = target._pnt if target is not None else -1

    # ----------------------------------------------------------- recording

    def record(self, tvec=None, idvec=None, rec_id=None) -> None:
        """Record the source's spike times (and an id per spike) into Vectors."""
        ps = self._presyn
        if ps is None:
            raise NeuronError("NetCon.record needs a source")
        c = ps.c
        if tvec is None:
            c.rec_t = c.rec_id = ffi.NULL
            ps.rec = None
            return
        if callable(tvec) and not hasattr(tvec, "_cv"):
            raise NeuronError("NetCon.record(callable) is not supported; record into a Vector")
        c.rec_t = tvec._cv
        c.rec_id = idvec._cv if idvec is not None else ffi.NULL
        c.rec_idval = float(rec_id) if rec_id is not None else float(self._id)
        ps.rec = (tvec, idvec)

    def event(self, t: float, flag=None) -> None:
        if flag is not None:
            raise NeuronError("NetCon.event(t, flag) is not supported; use NetCon.event(t)")
        if self._target is None:
            raise NeuronError("NetCon.event: the NetCon has no target")
        if float(t) < model.t:
            raise NeuronError("NetCon.event: t=%g is earlier than the current time %g" % (t, model.t))
        lib.nrn_netcon_event(self._id, float(t))


class WeightVector:
    """`nc.weight`: indexable view of a NetCon's weight vector."""

    def __init__(self, w: np.ndarray):
        self._w = w

    def __len__(self) -> int:
        return len(self._w)

    def __getitem__(self, i: int) -> float:
        return float(self._w[i])

    def __setitem__(self, i: int, value: float) -> None:
        self._w[i] = float(value)

    def __iter__(self):
        return iter([float(x) for x in self._w])

    def __repr__(self) -> str:
        return repr(list(self))


def live_netcons() -> list:
    """Every NetCon alive, in creation order (HOC's List("NetCon"))."""
    return sorted(_netcons.values(), key=lambda nc: nc._seq)


def attach_presyn(nc: NetCon, ps: PreSyn) -> None:
    """Make `nc` take its events from `ps` (after leaving its previous source)."""
    old = nc._presyn
    if old is ps:
        return
    if old is not None:
        detach_presyn(nc)
    nc._presyn = ps
    nc.c.presyn = ps.id
    refs = ps.netcons
    refs.append(weakref.ref(nc))
    n = len(refs)
    if n >= 64 and n & (n - 1) == 0:   # now and then, forget NetCons that are gone
        refs[:] = [r for r in refs if r() is not None]
    lib.nrn_presyn_add_netcon(ps.id, nc._id)
    check()


def detach_presyn(nc: NetCon) -> None:
    ps = nc._presyn
    if ps is None:
        return
    lib.nrn_presyn_remove_netcon(ps.id, nc._id)
    ps.netcons[:] = [r for r in ps.netcons if r() is not None and r() is not nc]
    nc._presyn = None
    nc.c.presyn = -1


def point_process_gone(pp: PointProcess) -> None:
    """`pp` is being deleted: NetCons onto it lose their target, NetCons from it their source."""
    d = pp.__dict__
    for r in d.get("_nc_in", ()):
        nc = r()
        if nc is not None and nc._tgt is not None and nc._tgt() in (pp, None):
            nc._tgt = None
            nc.c.target = -1
    r = _by_pnt.pop(d.get("_pnt", -1), None)
    ps = r() if r is not None else None
    if ps is not None:
        for nc in [r() for r in ps.netcons]:
            if nc is not None and nc._presyn is ps:
                lib.nrn_presyn_remove_netcon(ps.id, nc._id)
                nc._presyn = None
                nc.c.presyn = -1
                nc._src = None
        ps.netcons.clear()
        eng.presyns[ps.id].pnt = -1
        ps.pp = None


def _ref_section(ref) -> Optional[object]:
    """The live section a `sec(x)._ref_...` pointer points into, else None."""
    owner = ref.owner() if isinstance(ref, Ref) else None
    if owner is None or not hasattr(owner, "_nseg") or owner._deleted:
        return None
    return owner
