"""Copying ion variables between a mechanism's own columns and the ion mechanism's (through
pointer slots), as NEURON's generated code does at entry and exit of each callback."""
from __future__ import annotations

from typing import List

from ..sema.model import Model
from .names import col, slot


def _slot_of(m: Model, ion: str, var: str) -> int:
    for k, s in enumerate(m.slots):
        if s.kind == "ion" and s.ion == ion and s.var == var:
            return k
    return -1


def copy_in(m: Model, used=None, states: bool = True) -> List[str]:
    """READ variables and written concentrations / reversal potentials (only those in
    `used` when given: the names the callback's code can reach).  states=False leaves out
    STATEs that are ion variables: under CVODE the integrator's value is the one to keep."""
    out = []
    for ion in m.ions:
        for v in ion.read + [x for x in ion.write if ion.var_kind(x) in ("ci", "co", "e")]:
            if used is not None and v not in used and v not in ion.write:
                continue
            sym = m.symbols[v]
            if not states and sym.kind == "state":
                continue
            k = _slot_of(m, ion.name, ion.var_kind(v))
            line = "%s = *%s;" % (col(sym.col), slot(k))
            if line not in out:
                out.append(line)
    return out


def copy_out(m: Model) -> List[str]:
    """Written concentrations and reversal potentials back to the ion."""
    out = []
    for ion in m.ions:
        for v in ion.write:
            if ion.var_kind(v) in ("ci", "co", "e"):
                sym = m.symbols[v]
                out.append("*%s = %s;" % (slot(_slot_of(m, ion.name, ion.var_kind(v))), col(sym.col)))
    return out


def has_ode_synonym(m: Model) -> bool:
    """Whether the mechanism gets an ode_synonym callback (nrn_mech_desc.ode_synonym): under
    CVODE it writes concentrations, which must follow the states each time the integrator
    sets them (before currents are computed)."""
    return m.ode is not None and any(ion.var_kind(v) in ("ci", "co") for ion in m.ions
                                     for v in ion.write)


def wrote_conc(m: Model) -> List[str]:
    """After INITIAL: a mechanism that wrote ci/co makes the ion recompute e when the ion's
    style says e is initialised from the concentrations (NEURON's nrn_wrote_conc).  The
    style is the ion mechanism's sixth column (e, ci, co, cur, dcurdv, style), reached from
    the e and ci slots: style = e + 5*(ci - e)."""
    out = []
    for ion in m.ions:
        if not ion.writes_conc or ion.valence is None:
            continue
        ks = {v: _slot_of(m, ion.name, v) for v in ("ci", "co", "e")}
        e, ci, co = slot(ks["e"]), slot(ks["ci"]), slot(ks["co"])
        out.append("if (((int) %s[5 * (%s - %s)]) & 040) { *%s = _nmodl_rt::nernst(*%s, *%s, %r, "
                   "_ctx->celsius); }" % (e, ci, e, e, ci, co, float(ion.valence)))
    return out


def names_used(m: Model, nodes) -> set:
    """Variable names the statements can read or write, following calls into the mechanism's
    FUNCTIONs/PROCEDUREs; None (everything) when VERBATIM code is reachable."""
    from .. import nodes as N

    seen_calls: set = set()
    names: set = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        for n in node.walk():
            if isinstance(n, N.Verbatim):
                return None
            if isinstance(n, N.Var):
                names.add(n.name)
            elif isinstance(n, N.Call) and n.name in m.callables and n.name not in seen_calls:
                seen_calls.add(n.name)
                c = m.callables[n.name]
                if c.body is not None:
                    stack.append(c.body)
                if "_f_" + n.name in m.callables:
                    stack.append(m.callables["_f_" + n.name].body)
            elif isinstance(n, N.TableLookup):
                names.update(n.names)
    return names


def current_terms(m: Model) -> List[str]:
    """The currents summed by the BREAKPOINT current function, in NEURON's order."""
    out = []
    for ion in m.ions:
        out += ion.writes_cur
    out += m.nonspecific
    out += m.electrode
    return out


def cur_slot(m: Model, ion_name: str, var: str) -> int:
    return _slot_of(m, ion_name, var)
