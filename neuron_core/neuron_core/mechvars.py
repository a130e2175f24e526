"""The variables of a mechanism as NEURON's MechanismStandard and MechanismType see them: HOC
names (`gnabar_hh`, `amp`, `ena`), array sizes and NEURON's variable types (1 PARAMETER,
2 ASSIGNED, 3 STATE), in NEURON's order, for compiled mechanisms, ions and the mechanisms NEURON
codes in C (morphology, capacitance, extracellular).

A variable is read from and written to a *site*: a mechanism instance (type, row) or, for the
C-coded pseudo mechanisms, a segment.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

import numpy as np

from .errors import NeuronError
from .mechanisms import registry
from .mechtype import ION, MechType

PARAMETER, ASSIGNED, STATE = 1, 2, 3
AMBIGUOUS, POINTER, RANDOM = 4, 5, 6   # ion e/ci/co, POINTER, RANDOM: listed by vartype 0 only

# NEURON's built-in type numbers (memb_func index); other mechanisms follow in load order
NEURON_TYPES = {
    "morphology": 2, "capacitance": 3, "pas": 4, "extracellular": 5, "fastpas": 6, "IClamp": 7,
    "AlphaSynapse": 8, "ExpSyn": 9, "Exp2Syn": 10, "SEClamp": 11, "VClamp": 12, "OClamp": 13,
    "APCount": 14, "na_ion": 15, "k_ion": 16, "hh": 17, "NetStim": 18, "IntFire1": 19,
    "IntFire2": 20, "IntFire4": 21, "PointProcessMark": 22, "PatternStim": 23,
}
FIRST_USER_TYPE = 24
PSEUDO = ("morphology", "capacitance")


@dataclass
class MechVar:
    """One variable of a mechanism: its HOC name, size, type and where it lives."""

    name: str
    size: int
    vartype: int
    col: int = -1          # data column of a compiled mechanism; -1: reached through a segment
    attr: str = ""         # segment attribute of a pseudo mechanism's variable
    default: float = 0.0


def mechanism_type(name: str) -> Optional[MechType]:
    """The registry entry of `name`, creating extracellular on demand; None for morphology
    and capacitance, which every section has."""
    if name == "extracellular":
        from .extracellular import mechtype
        return mechtype()
    if name in PSEUDO:
        return None
    mt = registry.types.get(name)
    if mt is None:
        raise NeuronError("%s is not a Mechanism or Point Process" % name)
    return mt


def is_known(name: str) -> bool:
    return name in PSEUDO or name == "extracellular" or name in registry.types


def variables(name: str) -> List[MechVar]:
    """All variables of mechanism `name` in NEURON's order (the order of `MechanismStandard(name, 0)`)."""
    if name == "morphology":
        return [MechVar("diam", 1, PARAMETER, attr="diam", default=500.0)]
    if name == "capacitance":
        return [MechVar("cm", 1, PARAMETER, attr="cm", default=1.0),
                MechVar("i_cap", 1, ASSIGNED, attr="i_cap")]
    mt = mechanism_type(name)
    if name == "extracellular":
        return _extracellular_vars(mt)
    if mt.kind == ION:
        return _ion_vars(mt)
    suffix = "" if mt.is_point or not mt.suffix else "_" + mt.suffix
    kinds = {"parameter": PARAMETER, "assigned": ASSIGNED, "state": STATE}
    out = []
    for v in mt.vars:
        if not v.range or v.kind not in kinds:
            continue
        out.append(MechVar(v.name + suffix, v.size, kinds[v.kind], col=v.col,
                           default=float(v.default)))
    for s in mt.slots:
        if s.kind == "pointer":
            out.append(MechVar(s.name + suffix, 1, POINTER))
    for s in mt.slots:
        if s.kind == "random":
            out.append(MechVar(s.name + suffix, 1, RANDOM))
    return out


def _ion_vars(mt: MechType) -> List[MechVar]:
    out = []
    for v in mt.vars:
        if v.kind == "hidden":
            continue
        vt = AMBIGUOUS if v.kind == "parameter" else ASSIGNED
        out.append(MechVar(v.name, v.size, vt, col=v.col, default=float(v.default)))
    return out


def _extracellular_vars(mt: MechType) -> List[MechVar]:
    out = []
    for v in mt.vars:
        vt = PARAMETER if v.kind == "parameter" else ASSIGNED
        out.append(MechVar(v.name, v.size, vt, col=v.col, default=float(v.default)))
    from .extracellular import nlayer
    out.append(MechVar("vext", nlayer(), STATE, attr="vext"))
    return out


def select(vars_: List[MechVar], vartype: int) -> List[MechVar]:
    """The names MechanismStandard(name, vartype) lists.  NEURON counts the variables of the
    requested type and takes that many starting after those of lower type, which for ions
    (whose e, ci, co have no ordinary type) yields e and ci as the "assigned" ones."""
    if vartype == 0:
        return list(vars_)
    offset = sum(1 for v in vars_ if v.vartype < vartype)
    count = sum(1 for v in vars_ if v.vartype == vartype)
    return vars_[offset:offset + count]


def global_names(name: str) -> List[Tuple[str, int]]:
    """(HOC name, size) of the GLOBAL variables of mechanism `name` (MechanismStandard(name, -1))."""
    if name in PSEUDO:
        return []
    mt = mechanism_type(name)
    out = []
    for g in mt.globals_spec:
        if mt.kind == ION:
            full = g.name
            if not full.endswith("_" + mt.name):
                continue
        else:
            full = "%s_%s" % (g.name, mt.name if mt.is_point else mt.suffix)
        out.append((full, g.size))
    return out


# ----------------------------------------------------------------- sites

class Site:
    """Where a mechanism's variables are read and written: an instance row or a segment."""

    def __init__(self, mt: Optional[MechType], row: int = -1, seg=None):
        self.mt, self.row, self.seg = mt, row, seg

    def get(self, var: MechVar) -> np.ndarray:
        if var.vartype in (POINTER, RANDOM):
            return np.zeros(var.size)
        if var.attr:
            val = getattr(self.seg, var.attr)
            if var.size == 1 and not hasattr(val, "__len__"):
                return np.array([float(val)])
            return np.array([float(val[i]) for i in range(var.size)])
        return self.mt.data[var.col:var.col + var.size, self.row].astype(float)

    def set(self, var: MechVar, values: np.ndarray) -> None:
        if var.vartype in (POINTER, RANDOM):
            return
        if var.attr:
            if var.attr == "i_cap":
                return  # computed by the simulation, not stored per segment
            if var.size == 1 and var.attr != "vext":
                setattr(self.seg, var.attr, float(values[0]))
            else:
                arr = getattr(self.seg, var.attr)
                for i in range(var.size):
                    arr[i] = float(values[i])
            return
        self.mt.data[var.col:var.col + var.size, self.row] = values


def segment_site(name: str, sec, x: float) -> Optional[Site]:
    """The site of mechanism `name` in the segment of `sec` containing x (x = 0 and 1 in the
    end segments); None when the mechanism is not there."""
    seg = sec(x)
    if name in PSEUDO:
        return Site(None, seg=seg)
    if name not in sec._mechs:
        return None
    mt = mechanism_type(name)
    return Site(mt, sec._mechs[name] + seg._j, seg=seg)


def point_site(name: str, pp) -> Optional[Site]:
    """The site of a point process when it is of type `name` and exists."""
    if pp._mt.name != name or pp._row < 0:
        return None
    return Site(pp._mt, pp._row)
