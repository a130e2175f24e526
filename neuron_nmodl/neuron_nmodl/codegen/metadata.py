"""The JSON metadata of a mechanism (schema in docs/DESIGN.md, plus the keys listed in
EXTRA_KEYS)."""
from __future__ import annotations

import json
import os
from typing import Dict, List

from .. import nodes as N
from ..sema.model import Model
from .ions import has_ode_synonym

# Keys beyond docs/DESIGN.md's schema:
#   abi: NRN_MECH_ABI_VERSION the code was generated for
#   columns[].ion / columns[].ion_var: the ion variable a column mirrors (e, ci, co, cur)
#   globals[].limits, globals[].kind ("parameter" | "assigned")
#   functions[].uses_instance: the function reads or writes per-instance data (needs a
#       `setdata`/segment context); functions[].table: it has a TABLE (usetable applies)
#   function_tables: FUNCTION_TABLE names (filled by `table_<name>` calls)
#   ions[].writes_conc: the mechanism writes ci or co (so the ion's concentrations become
#       states: NEURON's ion_style promotion)
#   has_net_event: NET_RECEIVE or INITIAL calls net_event (a NetCon source)
#   has_destructor, before_after: which BEFORE/AFTER blocks exist
#   vext_in_v: an ELECTRODE_CURRENT mechanism sees v + vext (extracellular layer 0)
#   nothing: SUFFIX nothing (functions only, not insertable)
#   columns[].tolerance: a STATE's `<tol>`, the scale of its CVODE absolute tolerance
#   ode_synonym: nrn_mech_desc.ode_synonym is an nrn_mech_fn that sets the written ion
#       concentrations from the states (NEURON's ode_synonym); under CVODE the engine calls
#       it each time it has put the integrator's y into the state columns, before currents
#   longitudinal_diffusion: the STATEs (and array sizes) with LONGITUDINAL_DIFFUSION; the
#       engine calls nrn_mech_desc.ldifus for them (codegen/ldifus.py, nrn_mech_abi.h)
#   thread_safe: NEURON would run the instances on several threads (nocmodl's vectorize;
#       `threadsafe` only says the THREADSAFE keyword is present); thread_unsafe: why not,
#       in nocmodl's words (sema/threadsafe.py).  The engine refuses, as NEURON does, a
#       mechanism that is not thread safe with instances in more than one thread.
EXTRA_KEYS = ("abi", "function_tables", "has_net_event", "has_destructor", "before_after",
              "vext_in_v", "nothing", "ode_synonym", "longitudinal_diffusion", "thread_safe",
              "thread_unsafe")


def _columns(m: Model) -> List[dict]:
    out = []
    for s in m.columns:
        kind = s.kind if s.kind in ("parameter", "assigned", "state", "dstate") else "hidden"
        d = {"name": s.name, "col": s.col, "size": s.size or 1, "kind": kind,
             "range": bool(s.range), "default": s.default, "units": s.unit or ""}
        if s.limits:
            d["limits"] = s.limits
        if s.ion:
            d["ion"] = s.ion
            d["ion_var"] = s.ion_var
        if s.size is not None:
            d["array"] = True
        if s.kind == "state" and isinstance(s.node, N.VarDecl) and s.node.tolerance:
            d["tolerance"] = s.node.tolerance   # CVODE absolute tolerance scale (<tol>)
        out.append(d)
    return out


def _globals(m: Model) -> List[dict]:
    out = []
    for g in m.globals:
        d = {"name": g.name, "index": g.gindex, "size": g.size or 1, "default": g.default,
             "units": g.unit or "", "kind": g.kind}
        if g.limits:
            d["limits"] = g.limits
        out.append(d)
    return out


def _slots(m: Model) -> List[dict]:
    """Pointer slots; a POINTER that no NMODL statement reads or writes (only VERBATIM code,
    which keeps its own handles there) is marked verbatim_only: the engine leaves such a slot
    NULL until set and keeps what the code stored across model rebuilds."""
    used = {n.name for n in m.program.walk() if isinstance(n, N.Var)}
    out = []
    for s in m.slots:
        d = {"name": s.name, "kind": s.kind, "ion": s.ion, "var": s.var}
        if s.kind == "pointer" and s.name not in used:
            d["verbatim_only"] = True
        out.append(d)
    return out


def metadata(m: Model, fns: List[dict], uses_instance: Dict[str, bool]) -> dict:
    nr = m.net_receive
    has_event = any(isinstance(n, N.Call) and n.name == "net_event" for n in m.program.walk())
    net_receive = None
    if nr is not None:
        net_receive = {"nargs": len(nr.params), "args": [p.name for p in nr.params],
                       "has_init": any(isinstance(s, N.InitialStmt) for s in nr.body.stmts)}
    functions = []
    for f in fns:
        base = f["name"]
        functions.append({"name": base, "nargs": f["nargs"], "procedure": f["procedure"],
                          "uses_instance": bool(uses_instance.get(base, False)),
                          "table": base in m.tables})
    return {
        "name": m.name,
        "kind": m.kind,
        "file": os.path.basename(m.file) if m.file else "",
        "path": m.file,
        "title": m.title,
        "suffix": m.suffix,
        "columns": _columns(m),
        "globals": _globals(m),
        "slots": _slots(m),
        "ions": [{"name": i.name, "read": i.read, "write": i.write, "valence": i.valence,
                  "writes_conc": i.writes_conc} for i in m.ions],
        "states": [s.name for s in m.states()],
        "electrode_current": bool(m.electrode),
        "nonspecific_currents": list(m.nonspecific),
        "threadsafe": m.threadsafe,
        "net_receive": net_receive,
        "watch_count": m.watch_count,
        "functions": functions,
        "tables": list(m.tables),
        "has_constructor": m.constructor is not None,
        "has_destructor": m.destructor is not None,
        "cvode": bool(m.cvode_ok),
        "abi": 1,
        "function_tables": [f.name for f in m.function_tables],
        "has_net_event": has_event,
        "before_after": ["%s_%s" % (b.kind.lower(), b.when.lower()) for b in m.before_after],
        "vext_in_v": bool(m.electrode),
        "nothing": m.suffix == "" and m.kind == "density",
        "pointers": list(m.pointers),
        "randoms": list(m.randoms),
        "ode_synonym": has_ode_synonym(m),
        "longitudinal_diffusion": [{"state": d.state, "size": d.size} for d in m.ldifus],
        "thread_safe": not m.thread_unsafe,
        "thread_unsafe": list(m.thread_unsafe),
    }


def metadata_json(m: Model, fns: List[dict], uses_instance: Dict[str, bool]) -> str:
    return json.dumps(metadata(m, fns, uses_instance), separators=(",", ":"))
