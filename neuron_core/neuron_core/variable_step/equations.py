"""The model's equations for the variable-step integrator, in NEURON's order: the voltages of
the nodes with capacitance (segment centres, in node order), then every mechanism's states,
mechanism by mechanism in the engine's call order, instance by instance.

Zero-area nodes (section ends, root nodes) have no equation: the engine solves their voltage
algebraically inside f(y).  In the DAE form (IDA: use_daspk, extracellular) every node has an
equation, followed by its extracellular layers, as in NEURON's daspk order.  The map is rebuilt
after every model rebuild.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List

import numpy as np

from ..engine import ffi
from ..errors import NeuronError
from ..mechanisms import registry
from ..mechtype import ARTIFICIAL, EXTRACELLULAR


@dataclass
class MechStates:
    """The integrated states of one mechanism type."""

    name: str
    k: int                      # index in the engine's mechanism list
    states: List[str]           # state names, arrays expanded as name[i]
    scol: List[int]
    dcol: List[int]
    ieq: int = 0
    ninst: int = 0


@dataclass
class Equations:
    """Everything the C side needs, kept alive here (C holds raw pointers)."""

    neq: int
    nv: int
    vnode: np.ndarray
    is_cap: np.ndarray
    mechs: List[MechStates]
    atolscale: np.ndarray
    keep: list = field(default_factory=list)
    cmechs: object = None
    eqnode: object = None        # DAE form: [nnode] equation of each node's vi
    nlayer: np.ndarray = None    # DAE form: [nnode] extracellular layers at each node

    def names(self, style: int = 1) -> List[str]:
        """A name per equation, as CVode.statename gives them: `soma.v(0.25)`,
        `soma.m_hh(0.25)`, `ExpSyn[0].g` (style 0 or 1), or the bare variable `v`, `m_hh`,
        `ExpSyn.g` (style 2)."""
        from ..model import model
        where = _node_places(model.built)

        def at(node: int, var: str) -> str:
            if style == 2:
                return var
            place = where.get(node)
            if place is None:
                return "%s(node %d)" % (var, node)
            return "%s.%s(%g)" % (place[0], var, place[1])
        if self.eqnode is not None:
            out = []
            for i, nl in enumerate(self.nlayer):
                out.append(at(i, "v"))
                out.extend(at(i, "vext[%d]" % k) for k in range(int(nl)))
        else:
            out = [at(int(n), "v") for n in self.vnode]
        for ms in self.mechs:
            mt = registry.types[ms.name]
            for i in range(ms.ninst):
                if mt.is_point:
                    owner = mt.owner_of(i)
                    prefix = mt.name if style == 2 or owner is None else owner.hname()
                    out.extend("%s.%s" % (prefix, s) for s in ms.states)
                else:
                    node = int(mt.node_arr[i])
                    out.extend(at(node, "%s_%s" % (s, mt.suffix)) for s in ms.states)
        return out


def _node_places(built) -> Dict[int, tuple]:
    """node -> (section name, x) for the nodes at segment centres."""
    out: Dict[int, tuple] = {}
    if built is None:
        return out
    for sec in built.sections:
        n = sec._nseg
        for j in range(n):
            out[sec._node0 + sec._block_index(j)] = (sec.name(), (j + 0.5) / n)
    return out


def _state_columns(mt, name: str):
    spec = mt.by_name.get(name)
    dspec = mt.by_name.get("D" + name)
    if spec is None or dspec is None:
        raise NeuronError("%s: STATE %s has no derivative column D%s; the mechanism cannot be "
                          "integrated by CVode" % (mt.name, name, name))
    if spec.size == 1:
        return [name], [spec.col], [dspec.col]
    return (["%s[%d]" % (name, i) for i in range(spec.size)],
            list(range(spec.col, spec.col + spec.size)),
            list(range(dspec.col, dspec.col + dspec.size)))


def capacitance_nodes(built) -> np.ndarray:
    """1 for the nodes at segment centres (they carry capacitance), 0 elsewhere."""
    is_cap = np.zeros(max(built.nnode, 1), dtype=np.uint8)
    for s in built.sections:
        is_cap[s._node0:s._node0 + s._nseg] = 1
    return is_cap


def model_has_extracellular() -> bool:
    """Some section has the extracellular mechanism (the registry's view, no build needed)."""
    return any(mt.kind == EXTRACELLULAR and mt.nalive for mt in registry.order)


def has_algebraic_parts(built) -> bool:
    """The model needs the DAE form under CVode (NEURON's model type 2): extracellular."""
    return bool(built is not None and built.nnode and model_has_extracellular())


def _layers_per_node(nnode: int) -> np.ndarray:
    """Extracellular layers at each node of the current build (0 where there are none)."""
    from ..engine import eng
    out = np.zeros(nnode, dtype=np.int32)
    if nnode and eng.ext != ffi.NULL:
        rows = np.frombuffer(ffi.buffer(eng.ext.row, 4 * nnode), dtype=np.int32)
        out[rows != -2] = eng.ext.nlayer
    return out


def build(built, scales: Dict[str, float], dae: bool = False) -> Equations:
    """The equation map of the current build; `scales` are CVode.atolscale values by name;
    `dae`: NEURON's DAE form (every node, then its extracellular layers)."""
    is_cap = capacitance_nodes(built)
    if dae:
        nlayer = _layers_per_node(built.nnode)
        width = 1 + nlayer
        eqnode = (np.cumsum(width) - width).astype(np.int32)
        nv = int(width.sum())
        vnode = np.zeros(0, dtype=np.int32)
    else:
        vnode = np.nonzero(is_cap[:built.nnode])[0].astype(np.int32)
        nv = len(vnode)
    mechs: List[MechStates] = []
    ieq = nv
    for mt in registry.order:
        if mt.nalive == 0 or mt.name not in built.mech_index:
            continue
        if mt.meta.get("cvode") is False:
            raise NeuronError("%s does not work with the variable step method (CVode)" % mt.name)
        states = list(mt.meta.get("states") or [v.name for v in mt.vars if v.kind == "state"])
        if not states or mt.kind == ARTIFICIAL:
            continue
        if mt.desc is None or mt.desc.ode_spec == ffi.NULL:
            raise NeuronError("%s does not work with CVODE: it has STATEs but no variable-step "
                              "form (ode_spec)" % mt.name)
        names, scol, dcol = [], [], []
        for s in states:
            n, c, d = _state_columns(mt, s)
            names += n
            scol += c
            dcol += d
        mechs.append(MechStates(mt.name, built.mech_index[mt.name], names, scol, dcol))
    mechs.sort(key=lambda m: m.k)
    for ms in mechs:
        ms.ieq = ieq
        ms.ninst = registry.types[ms.name].nalive
        ieq += ms.ninst * len(ms.states)
    from ..engine import lib
    nblk = lib.nrn_cvode_block_count()       # reaction-diffusion and other ODE blocks
    atolscale = np.ones(max(ieq + nblk, 1))
    atolscale[:nv] = scales.get("v", 1.0)
    for ms in mechs:
        mt = registry.types[ms.name]
        per = np.ones(len(ms.states))
        for j, s in enumerate(ms.states):
            base = s.split("[")[0]
            spec = mt.by_name.get(base)
            tol = scales.get("%s_%s" % (base, mt.suffix), scales.get(base + "." + mt.name))
            if tol is None and spec is not None:
                tol = getattr(spec, "tolerance", None)
            if tol is None:
                tol = _meta_tolerance(mt, base)
            per[j] = tol if tol else 1.0
        atolscale[ms.ieq:ms.ieq + ms.ninst * len(per)] = np.tile(per, ms.ninst)
    if nblk:
        lib.nrn_cvode_block_atol(ffi.cast("double*", atolscale.ctypes.data) + ieq)
    eq = Equations(ieq + nblk, nv, vnode, is_cap, mechs, atolscale)
    if dae:
        eq.eqnode, eq.nlayer = eqnode, nlayer
    cm = ffi.new("nrn_cvode_mech[]", max(len(mechs), 1))
    for j, ms in enumerate(mechs):
        sc = ffi.new("int[]", ms.scol)
        dc = ffi.new("int[]", ms.dcol)
        eq.keep += [sc, dc]
        cm[j].k = ms.k
        cm[j].nstate = len(ms.states)
        cm[j].scol = sc
        cm[j].dcol = dc
        cm[j].ieq = ms.ieq
        cm[j].ninst = ms.ninst
    eq.cmechs = cm
    return eq


def _meta_tolerance(mt, name: str):
    """A STATE's absolute tolerance scale from the mechanism metadata, if the compiler gave one."""
    for c in mt.meta.get("columns", []):
        if c.get("name") == name:
            for key in ("tolerance", "atol", "abstol"):
                if c.get(key):
                    return float(c[key])
    return None
