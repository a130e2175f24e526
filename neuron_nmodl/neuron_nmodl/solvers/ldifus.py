"""LONGITUDINAL_DIFFUSION: which STATEs diffuse along the cable, and the expressions the
diffusion needs for each (nocmodl's _difcoef functions).

`LONGITUDINAL_DIFFUSION [i,] expr {states}` in a KINETIC block gives expr = diffusion constant
times cross-sectional area; each state's COMPARTMENT statement gives its volume per length;
`i`, when present, stands for the array element.  A flux `~ s << (...)` into a diffusing
state that reads an ion current (cai driven by ica) also gives d flux/d concentration for the
variable-step Jacobian, as nocmodl derives it: the flux with the first occurrence of the
current replaced by the ion's d current/dv, times RT/zF.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from .. import nodes as N
from ..errors import NmodlError
from ..lexer import NAME, tokenize
from ..parser import parse_expression_text
from ..printer import expr as pexpr
from ..sema.model import Model
from ..source import SourceFile

_STD_VALENCE = {"na": 1.0, "k": 1.0, "ca": 2.0}


@dataclass
class LDifus:
    state: str
    size: int                    # array elements (1 for a scalar)
    index: Optional[str]         # the LONGITUDINAL_DIFFUSION index name
    dc: N.Expr
    vol_index: Optional[str]     # the COMPARTMENT index name
    vol: N.Expr
    dfdc: Optional[N.Expr] = None        # d flux/dv with `_ion_di<ion>dv` for the current
    dfdc_element: Optional[N.Expr] = None
    ion: Optional[str] = None
    valence: float = 1.0


def _walk_stmts(b: N.Block):
    for n in b.walk():
        if isinstance(n, (N.LongDiffusion, N.Compartment, N.Reaction)):
            yield n


def collect(m: Model) -> List[LDifus]:
    out: List[LDifus] = []
    for c in m.callables.values():
        if c.kind != "KINETIC" or c.body is None:
            continue
        stmts = list(_walk_stmts(c.body))
        volumes = {}
        for s in stmts:
            if isinstance(s, N.Compartment):
                for name in s.names:
                    volumes.setdefault(name, (s.index, s.volume))
        for s in stmts:
            if not isinstance(s, N.LongDiffusion):
                continue
            for name in s.names:
                sym = m.symbols.get(name)
                if sym is None or sym.kind != "state":
                    raise NmodlError("%s must be a (solved) STATE in a LONGITUDINAL_DIFFUSION "
                                     "statement" % name, s.loc)
                if name not in volumes:
                    raise NmodlError("%s must be declared in COMPARTMENT" % name, s.loc)
                vidx, vol = volumes[name]
                d = LDifus(name, sym.size or 1, s.index, s.flux, vidx, vol)
                _current_flux(m, stmts, d)
                out.append(d)
    return out


def _current_flux(m: Model, stmts, d: LDifus) -> None:
    """d flux/dv of a `<<` flux into d.state that reads an ion current (nocmodl's dfdcur)."""
    currents = {v: ion for ion in m.ions for v in ion.read if ion.var_kind(v) == "cur"}
    for s in stmts:
        if not (isinstance(s, N.Reaction) and s.op == "<<" and s.lhs[0].name == d.state):
            continue
        text = pexpr(s.kb)
        toks = [t for t in tokenize(SourceFile("<generated>", text))
                if t.kind == NAME and t.text in currents]
        if not toks:
            continue
        if d.dfdc is not None:
            raise NmodlError("%s gets a flux from more than one current" % d.state, s.loc)
        first = toks[0]
        ion = currents[first.text]
        spliced = (text[:first.start] + "_ion_di%sdv" % ion.name
                   + text[first.start + len(first.text):])
        d.dfdc = parse_expression_text(spliced)
        d.dfdc_element = s.lhs[0].index if s.lhs[0].index is not None else N.Num(0.0, "0")
        d.ion = ion.name
        d.valence = ion.valence if ion.valence is not None else _STD_VALENCE.get(ion.name, 1.0)
