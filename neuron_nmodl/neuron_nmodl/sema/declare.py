"""Semantic pass 1: declarations -> Model (symbols, kinds, visibility, ions, storage).

Column order follows nocmodl so users see NEURON's order: RANGE PARAMETERs (PARAMETER
order), RANGE ASSIGNEDs (ASSIGNED order; NONSPECIFIC/ELECTRODE currents are RANGE
automatically), all STATEs; then hidden columns: other ASSIGNEDs, D<state>, v.
PARAMETERs that are not RANGE are GLOBAL.
"""
from __future__ import annotations

import os
from typing import Iterator, List, Optional

from .. import nodes as N
from ..errors import NmodlError, UnsupportedError
from ..units import UnitError, UnitTable
from .model import (COLUMN, CONST, CTX, EXTERN, FILELOCAL, GLOBAL, SLOT, SPECIAL, IonUse, Model,
                    Slot, Symbol)
from .threadsafe import unsafe_reasons

CALLABLE_KIND = {"PROCEDURE": "procedure", "FUNCTION": "function", "DERIVATIVE": "derivative",
                 "KINETIC": "kinetic", "LINEAR": "linear", "NONLINEAR": "nonlinear",
                 "DISCRETE": "discrete", "FUNCTION_TABLE": "function_table"}
_DEFAULT_VALENCE = {"na": 1.0, "k": 1.0, "ca": 2.0}


def flatten(items: List[N.TopBlock]) -> Iterator[N.TopBlock]:
    for it in items:
        if isinstance(it, N.Include):
            yield from flatten(it.items)
        else:
            yield it


def declare(program: N.Program) -> Model:
    m = Model(program, program.path)
    items = list(flatten(program.items))
    _neuron_block(m, items)
    m.thread_unsafe = unsafe_reasons(program, m.global_names)
    units = UnitTable()
    for it in items:
        if isinstance(it, N.Title) and not m.title:
            m.title = it.text
        elif isinstance(it, N.UnitsBlock):
            _units_block(m, it, units)
    for it in items:
        if isinstance(it, N.DeclBlock):
            for d in it.items:
                _declare_var(m, it.kind, d)
        elif isinstance(it, N.Callable):
            _declare_callable(m, it)
        elif isinstance(it, N.CodeBlock):
            _code_block(m, it)
        elif isinstance(it, N.VerbatimTop):
            m.verbatim_top.append(it)
        elif isinstance(it, N.LocalDecl):
            for name, size in it.names:
                _add(m, Symbol(name, "local", FILELOCAL, size=size, loc=it.loc))
                m.file_locals.append((name, size))
    _implicit_declarations(m)
    _lag_variables(m)
    _check_lists(m)
    _check_local_currents(m)
    _allocate(m)
    return m


# ---------------------------------------------------------------------------- NEURON block

def _neuron_block(m: Model, items: List[N.TopBlock]) -> None:
    blocks = [it for it in items if isinstance(it, N.NeuronBlock)]
    stem = os.path.splitext(os.path.basename(m.file))[0] if m.file else "mech"
    m.name = m.suffix = stem
    for b in blocks:
        for st in b.items:
            if isinstance(st, N.Suffix):
                if st.kind == "SUFFIX":
                    m.kind = "density"
                    m.name = st.name
                    m.suffix = "" if st.name == "nothing" else st.name
                    if st.name == "nothing":
                        m.name = stem
                else:
                    m.kind = "point" if st.kind == "POINT_PROCESS" else "artificial"
                    m.name = m.suffix = st.name
            elif isinstance(st, N.UseIon):
                ion = next((x for x in m.ions if x.name == st.ion), None)
                if ion is None:
                    ion = IonUse(st.ion, loc=st.loc)
                    m.ions.append(ion)
                for v in st.read + st.write:
                    if ion.var_kind(v) is None:
                        raise NmodlError("%s is not a variable of ion %s (expected e%s, %si, %so "
                                         "or i%s)" % (v, st.ion, st.ion, st.ion, st.ion, st.ion),
                                         st.loc)
                ion.read += [v for v in st.read if v not in ion.read]
                ion.write += [v for v in st.write if v not in ion.write]
                if st.valence is not None:
                    ion.valence = st.valence
            else:
                kw, names = st.keyword, st.names
                if kw == "RANGE":
                    m.range_names += names
                elif kw == "GLOBAL":
                    m.global_names += names
                elif kw == "NONSPECIFIC_CURRENT":
                    m.nonspecific += names
                elif kw == "ELECTRODE_CURRENT":
                    m.electrode += names
                elif kw == "POINTER":
                    m.pointers += names
                elif kw == "BBCOREPOINTER":
                    m.bbcorepointers += names
                elif kw == "EXTERNAL":
                    m.externals += names
                elif kw == "THREADSAFE":
                    m.threadsafe = True
                elif kw == "RANDOM":
                    m.randoms += names
    for ion in m.ions:
        if ion.valence is None:
            ion.valence = _DEFAULT_VALENCE.get(ion.name)


def _units_block(m: Model, b: N.UnitsBlock, units: UnitTable) -> None:
    for it in b.items:
        if isinstance(it, N.UnitDef):
            units.define(it.name, it.definition)
            continue
        if it.value is not None:
            value = it.value.value
        else:
            try:
                value = units.factor(it.unit1, it.unit2)
            except UnitError as e:
                raise NmodlError(str(e), it.loc)
        _add(m, Symbol(it.name, "unitconst", CONST, value=value, unit=it.unit2, loc=it.loc))


# ---------------------------------------------------------------------------- variables

def _add(m: Model, s: Symbol) -> Symbol:
    old = m.symbols.get(s.name)
    if old is not None:
        raise NmodlError("%s is declared twice (first at line %s)"
                         % (s.name, old.loc.line if old.loc else "?"), s.loc)
    m.symbols[s.name] = s
    return s


def _declare_var(m: Model, block: str, d) -> None:
    name = d.name
    if block == "INDEPENDENT":
        if name != "t":
            raise NmodlError("only t can be INDEPENDENT in NEURON", d.loc)
        return
    if name in SPECIAL:
        if name in m.symbols:
            return
        if block == "STATE":
            raise NmodlError("%s cannot be a STATE" % name, d.loc)
        _add(m, Symbol(name, "special", CTX, unit=d.unit, loc=d.loc, node=d))
        return
    if block == "CONSTANT":
        if d.value is None:
            raise NmodlError("CONSTANT %s needs a value" % name, d.loc)
        _add(m, Symbol(name, "constant", CONST, value=d.value.value, unit=d.unit, loc=d.loc))
        return
    if block == "PARAMETER":
        sym = Symbol(name, "parameter", size=d.size, unit=d.unit, loc=d.loc, node=d)
        if d.value is not None:
            # nocmodl writes PARAMETER defaults into the generated code with printf's %g, so
            # NEURON's defaults keep 6 significant digits (5061983 is 5061980 there)
            sym.default = float("%g" % d.value.value)
        if d.limits is not None:
            sym.limits = [d.limits.lo, d.limits.hi]
    elif block == "ASSIGNED":
        sym = Symbol(name, "assigned", size=d.size, unit=d.unit, loc=d.loc, node=d)
    else:
        sym = Symbol(name, "state", size=d.size, unit=d.unit, loc=d.loc, node=d)
    if name in m.symbols and m.symbols[name].kind == "implicit":
        del m.symbols[name]
    _add(m, sym)


def _declare_callable(m: Model, c: N.Callable) -> None:
    if c.kind == "NET_RECEIVE":
        if m.net_receive is not None:
            raise NmodlError("more than one NET_RECEIVE block", c.loc)
        m.net_receive = c
        return
    _add(m, Symbol(c.name, CALLABLE_KIND[c.kind], loc=c.loc, node=c))
    m.callables[c.name] = c
    if c.kind == "FUNCTION_TABLE":
        m.function_tables.append(c)


def _code_block(m: Model, b: N.CodeBlock) -> None:
    attr = {"INITIAL": "initial", "BREAKPOINT": "breakpoint", "CONSTRUCTOR": "constructor",
            "DESTRUCTOR": "destructor"}.get(b.kind)
    if attr is None:
        m.before_after.append(b)
        return
    first = getattr(m, attr)
    if first is None:
        setattr(m, attr, b)
        return
    # nocmodl runs a further block of the same kind after the first, as a nested block (its
    # LOCALs are its own); a BREAKPOINT's SOLVEs stay with the others, which run first anyway
    solves = [s for s in b.body.stmts if isinstance(s, N.Solve)] if attr == "breakpoint" else []
    rest = [s for s in b.body.stmts if not any(s is x for x in solves)]
    first.body.stmts += solves + [N.Block(rest, loc=b.body.loc)]


def _implicit_declarations(m: Model) -> None:
    """Names that NEURON declares without a PARAMETER/ASSIGNED entry."""
    for ion in m.ions:
        for v in ion.read + ion.write:
            if v not in m.symbols:
                _add(m, Symbol(v, "assigned", loc=ion.loc))
    for v in m.nonspecific + m.electrode:
        if v not in m.symbols:
            _add(m, Symbol(v, "assigned", loc=None))
    for v in m.range_names + m.global_names:
        if v not in m.symbols:
            _add(m, Symbol(v, "assigned", loc=None))
    for names, kind in ((m.pointers, "pointer"), (m.bbcorepointers, "bbcorepointer"),
                        (m.randoms, "random")):
        for v in names:
            old = m.symbols.get(v)
            if old is not None and old.kind in ("assigned", "parameter") and kind != "random":
                # POINTERs are customarily also listed in ASSIGNED
                del m.symbols[v]
            _add(m, Symbol(v, kind, SLOT, loc=old.loc if old is not None else None))
    for v in m.externals:
        s = m.symbols.get(v)
        if s is not None and s.kind in ("parameter", "assigned"):
            # declared here only to be usable: the variable is the other mechanism's
            s.kind, s.storage = "external", EXTERN
    for v in ("t", "dt", "celsius", "secondorder", "area", "diam"):
        if v not in m.symbols:   # NEURON's globals, usable without a declaration
            m.symbols[v] = Symbol(v, "special", CTX)


def _lag_variables(m: Model) -> None:
    """`LAG x BY tau` declares lag_x_tau, the lagged value (an array when x is one), kept
    per thread: it is set by the statement and read right after, instance by instance."""
    for n in m.program.walk():
        if not isinstance(n, N.Lag):
            continue
        if not isinstance(n.by, N.Var) or n.by.index is not None:
            raise NmodlError("LAG needs a CONSTANT or PARAMETER name after BY", n.loc)
        x, tau = m.symbols.get(n.name), m.symbols.get(n.by.name)
        if x is None or x.kind not in ("state", "assigned") and n.name != "v":
            raise NmodlError("%s: not a STATE or ASSIGNED variable" % n.name, n.loc)
        if tau is None or tau.kind not in ("parameter", "constant", "unitconst"):
            raise NmodlError("%s: not a CONSTANT or PARAMETER" % n.by.name, n.loc)
        name = "lag_%s_%s" % (n.name, n.by.name)
        if name in m.symbols:
            raise NmodlError("%s already in use" % name, n.loc)
        _add(m, Symbol(name, "lag", FILELOCAL, size=x.size, loc=n.loc))
        m.file_locals.append((name, x.size))
        m.lag_names.append(name)


def _check_lists(m: Model) -> None:
    for v in m.range_names + m.global_names:
        s = m.symbols[v]
        if s.kind in ("function", "procedure"):
            raise NmodlError("%s is a %s, not a variable" % (v, s.kind), s.loc)
    for ion in m.ions:
        for v in ion.read + ion.write:
            if m.symbols[v].kind == "constant":   # nocmodl refuses it (no ion value reaches it)
                raise NmodlError("%s used in USEION statement can not be re-declared in a "
                                 "CONSTANT block" % v, m.symbols[v].loc)
        for v in ion.write:
            s = m.symbols[v]
            if s.kind == "parameter":
                s.kind = "assigned"


def _check_local_currents(m: Model) -> None:
    # nocmodl takes a current declared LOCAL in BREAKPOINT as the current only in the form of
    # nrn_cur that CONDUCTANCE statements select; otherwise it is an error
    if m.breakpoint is None:
        return
    body = m.breakpoint.body.stmts
    ion_currents = {v for ion in m.ions for v in ion.writes_cur}
    hinted = any(isinstance(st, N.Conductance) for st in body)
    for st in body:
        if not isinstance(st, N.LocalDecl):
            continue
        for name, _ in st.names:
            if name not in ion_currents and name not in m.nonspecific + m.electrode:
                continue
            if not hinted:
                raise NmodlError("current can only be LOCAL in a BREAKPOINT if CONDUCTANCE "
                                 "statements are used: %s" % name, st.loc)
            if name in ion_currents:
                raise UnsupportedError("CONDUCTANCE", st.loc,
                                       "with the ion current %s LOCAL in BREAKPOINT" % name)


# ---------------------------------------------------------------------------- storage

def _allocate(m: Model) -> None:
    ion_vars = {}
    for ion in m.ions:
        for v in ion.read + ion.write:
            ion_vars[v] = ion
    rng = set(m.range_names) | set(m.nonspecific) | set(m.electrode)
    glb = set(m.global_names)
    syms = list(m.symbols.values())
    cols: List[Symbol] = []
    glob: List[Symbol] = []

    def is_var(s: Symbol) -> bool:
        return s.kind in ("parameter", "assigned", "state")

    for s in syms:
        if s.name in ion_vars:
            s.ion = ion_vars[s.name].name
            s.ion_var = ion_vars[s.name].var_kind(s.name)
    # range parameters, in declaration order
    for s in syms:
        if s.kind == "parameter" and s.name in rng and s.name not in glb:
            s.range = True
            cols.append(s)
    for s in syms:
        if s.kind == "parameter" and s not in cols:
            if s.ion is not None:
                continue   # ion variable declared in PARAMETER: hidden column below
            s.is_global = True
            glob.append(s)
    for s in syms:
        if s.kind == "assigned" and s.name in rng and s.name not in glb:
            s.range = True
            cols.append(s)
    for s in syms:
        if s.kind == "state":
            s.range = True
            cols.append(s)
    for s in syms:
        if s.kind == "assigned" and s.name in glb and s.ion is None:
            s.is_global = True
            glob.append(s)
    for s in syms:
        if is_var(s) and s not in cols and s not in glob:
            cols.append(s)   # hidden
    col = 0
    for s in cols:
        s.storage = COLUMN
        s.col = col
        col += s.size or 1
    dstates = []
    for s in [x for x in cols if x.kind == "state"]:
        d = Symbol("D" + s.name, "dstate", COLUMN, size=s.size, col=col)
        col += s.size or 1
        dstates.append(d)
        if d.name not in m.symbols:
            m.symbols[d.name] = d
    vsym = m.symbols.get("v")
    if vsym is None:
        vsym = m.symbols["v"] = Symbol("v", "special", CTX)
    vcol = Symbol("v", "special", COLUMN, col=col)
    col += 1
    m.columns = cols + dstates + [vcol]
    m.ncol = col
    vsym.storage = COLUMN
    vsym.col = vcol.col
    gi = 0
    for s in glob:
        s.storage = GLOBAL
        s.gindex = gi
        gi += s.size or 1
    m.globals = glob
    m.nglobal = gi
    _allocate_slots(m)


def _allocate_slots(m: Model) -> None:
    slots: List[Slot] = []
    # LONGITUDINAL_DIFFUSION of a concentration driven by a current needs d current/dv
    ldifus = any(isinstance(n, N.LongDiffusion) for n in m.program.walk())
    for ion in m.ions:
        wanted = []
        for v in ion.read + ion.write:
            if v not in wanted:
                wanted.append(v)
        names = []
        for v in wanted:
            k = ion.var_kind(v)
            names.append((v, k))
            if k == "cur" and (v in ion.write or ldifus):
                names.append(("_ion_di%sdv" % ion.name, "dcurdv"))
        if ion.writes_conc:
            have = {k for _, k in names}
            for k, nm in (("ci", ion.name + "i"), ("co", ion.name + "o"), ("e", "e" + ion.name)):
                if k not in have:
                    names.append(("_ion_" + nm, k))
        for nm, k in names:
            slots.append(Slot(nm, "ion", ion.name, k))
    for p in m.pointers:
        slots.append(Slot(p, "pointer"))
    for p in m.bbcorepointers:
        slots.append(Slot(p, "bbcorepointer"))
    for p in m.randoms:
        slots.append(Slot(p, "random"))
    m.slots = slots
    for i, sl in enumerate(slots):
        if sl.kind != "ion":
            m.symbols[sl.name].slot = i
