"""What the engine publishes to the `h` namespace: functions, classes, variables, and names
derived from the loaded mechanisms (h.hh, h.IClamp, h.gnabar_hh, h.rates_hh, h.setdata_hh...).

Functions that work on "the currently accessed section" accept `sec=` as in NEURON's Python
interface.  `lookup(name)` is the single entry point the HOC interpreter uses.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import List, Any, Callable, Dict, Optional

import numpy as np

from . import simulation, treeops
from .engine import eng, ffi, lib
from .errors import NeuronError
from .mechanisms import registry
from .mechtype import ION
from .model import model
from .refs import Ref


@dataclass
class Variable:
    """A named double with get/set and a pointer (`h.t`, `h.dt`, `h.gnabar_hh`...)."""

    get: Callable[[], float]
    set: Optional[Callable[[float], None]]
    ref: Callable[[], Ref]
    size: int = 1


def uses_cas(fn: Callable) -> Callable:
    """Let fn(..., sec=s) run with s as the currently accessed section."""
    @functools.wraps(fn)
    def wrapper(*args, sec=None, **kwargs):
        if sec is None:
            return fn(*args, **kwargs)
        model.push_section(sec)
        try:
            return fn(*args, **kwargs)
        finally:
            model.pop_section()
    return wrapper


def _seg_or_x(arg):
    from .segment import Segment
    if isinstance(arg, Segment):
        return arg.sec, arg.x
    return model.cas(), float(arg)


# ------------------------------------------------------------- functions

@uses_cas
def area(x=0.5) -> float:
    sec, x = _seg_or_x(x)
    return sec(x).area()


@uses_cas
def ri(x=0.5) -> float:
    sec, x = _seg_or_x(x)
    return sec(x).ri()


@uses_cas
def distance(*args) -> float:
    """distance(0, seg|x) sets the origin; distance(seg|x) measures; distance(seg1, seg2)."""
    from .segment import Segment
    if len(args) == 0:
        sec = model.cas()
        treeops.distance_origin.set(sec, 0.0)
        return 0.0
    if len(args) == 2 and isinstance(args[0], Segment) and isinstance(args[1], Segment):
        a, b = args
        return treeops.path_distance(a.sec, a.x, b.sec, b.x)
    if len(args) == 2:
        mode, where = args
        sec, x = _seg_or_x(where)
        if int(mode) == 0:
            treeops.distance_origin.set(sec, x)
            return 0.0
        return treeops.distance_origin.measure(sec, x)
    sec, x = _seg_or_x(args[0])
    return treeops.distance_origin.measure(sec, x)


def nernst(*args, sec=None) -> float:
    if len(args) >= 1 and isinstance(args[0], str):
        name = args[0]
        x = float(args[1]) if len(args) > 1 else 0.5
        s = sec or model.cas()
        seg = s(x)
        for mt in registry.order:
            if mt.kind == ION and name in mt.by_name:
                ion = mt.ion_name
                z = mt.globals[2]
                ci, co, e = getattr(seg, ion + "i"), getattr(seg, ion + "o"), getattr(seg, "e" + ion)
                k = 1000.0 * 8.31446261815324 * (eng.ctx.celsius + 273.15) / 96485.33212331001
                if name == "e" + ion:
                    return lib.nrn_nernst(ci, co, z, eng.ctx.celsius)
                if name == ion + "i":
                    return co * np.exp(-z / k * e)
                if name == ion + "o":
                    return ci * np.exp(z / k * e)
        raise NeuronError("%s not a reversal potential or concentration" % name)
    if len(args) != 3:
        raise TypeError("nernst(ci, co, charge) or nernst('ena'[, x])")
    return lib.nrn_nernst(float(args[0]), float(args[1]), float(args[2]), eng.ctx.celsius)


def ghk(v, ci, co, z) -> float:
    return lib.nrn_ghk(float(v), float(ci), float(co), float(z), eng.ctx.celsius)


@uses_cas
def ion_style(name: str, *style) -> float:
    mt = registry.types.get(name)
    if mt is None or mt.kind != ION:
        raise NeuronError("%s is not an ion" % name)
    sec = model.cas()
    ion = mt.ion_name
    old = float(sec._ion_style.get(ion, -1)) if mt.name in sec._mechs else -1.0
    if style:
        if len(style) != 5:
            raise TypeError("ion_style(name, c_style, e_style, einit, eadvance, cinit)")
        c, e, einit, eadv, cinit = (int(v) for v in style)
        for val, lo, hi in ((c, 0, 3), (e, 0, 3), (einit, 0, 1), (eadv, 0, 1), (cinit, 0, 1)):
            if not lo <= val <= hi:
                raise NeuronError("ion_style argument %d out of range" % val)
        istyle = c + 0o10 * e + 0o40 * einit + 0o100 * eadv + 0o4 * cinit
        if mt.name in sec._mechs:
            keep = sec._ion_style.get(ion, 0) & (0o200 | 0o400)
            sec._set_ion_style(ion, keep + istyle)
    return old


def ion_register(name: str, charge: float) -> float:
    try:
        mt = registry.ion(str(name), float(charge))
    except NeuronError:
        raise
    return float(mt.type_index)


def ion_charge(name: str) -> float:
    mt = registry.types.get(name)
    if mt is None or mt.kind != ION:
        raise NeuronError("%s is not an ion mechanism" % name)
    return float(mt.globals[2])


def push_section(sec) -> float:
    from .section import Section
    if isinstance(sec, str):
        for s in model.sections():
            if s.name() == sec:
                sec = s
                break
        else:
            raise NeuronError("push_section: no section named %s" % sec)
    if not isinstance(sec, Section):
        raise TypeError("push_section needs a Section")
    model.push_section(sec)
    return 1.0


def pop_section() -> float:
    """Pop the section stack; with nothing pushed NEURON does nothing (code written for its
    Python SectionList iteration, such as BluePyOpt's, pops once too often)."""
    if model.stack:
        model.pop_section()
    return 1.0


@uses_cas
def secname(full: float = 0) -> str:
    """The currently accessed section's HOC name (Section.hoc_name); `full` is accepted as
    NEURON does (names here are always whole)."""
    return model.cas().hoc_name()


def cas():
    return model.cas()


def allsec():
    return iter(model.section_list())


@uses_cas
def ismembrane(name: str) -> float:
    return 1.0 if name in model.cas()._mechs else 0.0


def delete_section(sec=None) -> float:
    treeops.delete_section(sec or model.cas())
    return 1.0


def setpointer(ref, name: str, target) -> float:
    """setpointer(_ref_source, 'name', point_process_or_mechanism)."""
    if not isinstance(ref, Ref):
        raise TypeError("setpointer needs a _ref_ pointer as first argument")
    setattr(target, "_ref_" + name, ref)
    return 1.0


def nrn_load_dll(path: str) -> float:
    from .loading import load_library_file
    load_library_file(path)
    return 1.0


def _cas_call(method: str):
    @uses_cas
    def fn(*args):
        return getattr(model.cas(), method)(*args)
    fn.__name__ = method
    return fn


FUNCTIONS: Dict[str, Callable] = {
    "finitialize": simulation.finitialize, "fadvance": simulation.fadvance,
    "fcurrent": simulation.fcurrent, "frecord_init": simulation.frecord_init,
    "area": area, "ri": ri, "distance": distance, "topology": treeops.topology,
    "nernst": nernst, "ghk": ghk, "ion_style": ion_style, "ion_register": ion_register,
    "ion_charge": ion_charge, "push_section": push_section, "pop_section": pop_section,
    "secname": secname, "cas": cas, "allsec": allsec, "ismembrane": ismembrane,
    "delete_section": delete_section, "setpointer": setpointer, "nrn_load_dll": nrn_load_dll,
    "section_orientation": _cas_call("orientation"),
}



@uses_cas
def _psection() -> float:
    import sys
    from .psection import psection_text
    sys.stdout.write(psection_text(model.cas()))
    return 1.0


FUNCTIONS["psection"] = _psection


def _nrnmpi_init() -> float:
    from .parallel import nrnmpi_init
    return nrnmpi_init()


FUNCTIONS["nrnmpi_init"] = _nrnmpi_init
from . import batch as _batch, hocnames as _hocnames, matrixinfo as _matrixinfo  # noqa: E402
FUNCTIONS[_hocnames.PROBE] = _hocnames.probe
FUNCTIONS["fmatrix"] = _matrixinfo.fmatrix
FUNCTIONS["batch_run"] = _batch.batch_run
FUNCTIONS["batch_save"] = _batch.batch_save
from . import extracellular as _extracellular  # noqa: E402
from . import mcran4 as _mcran4, pt3dmode as _pt3dmode, spines as _spines, sysinfo as _sysinfo  # noqa: E402,E501
FUNCTIONS.update({
    "setSpineArea": _spines.setSpineArea, "getSpineArea": _spines.getSpineArea,
    "pt3dconst": _pt3dmode.pt3dconst, "pt3dstyle": _pt3dmode.pt3dstyle,
    "define_shape": _pt3dmode.define_shape,
    "nlayer_extracellular": _extracellular.nlayer_extracellular,
    "mcell_ran4": _mcran4.mcell_ran4, "mcell_ran4_init": _mcran4.mcell_ran4_init,
    "use_mcell_ran4": _mcran4.use_mcell_ran4,
    "nrn_mallinfo": _sysinfo.nrn_mallinfo, "nrnversion": _sysinfo.nrnversion,
})
for _m in ("pt3dadd", "pt3dclear", "pt3dinsert", "pt3dremove", "pt3dchange", "n3d", "x3d", "y3d",
           "z3d", "diam3d", "arc3d", "spine3d"):
    FUNCTIONS[_m] = _cas_call(_m)


def _ctx_var(field: str, setter: Optional[Callable[[float], None]] = None) -> Variable:
    arr = np.frombuffer(ffi.buffer(ffi.addressof(eng.ctx, field), 8), dtype=np.float64)
    return Variable(lambda: float(arr[0]), setter or (lambda v: arr.__setitem__(0, float(v))),
                    lambda: Ref(lambda: (arr, 0), field, keep=arr))


VARIABLES: Dict[str, Variable] = {
    "t": _ctx_var("t"),
    "dt": _ctx_var("dt", lambda v: setattr(model, "dt", v)),
    "celsius": _ctx_var("celsius"),
    "secondorder": Variable(lambda: float(model.secondorder), lambda v: setattr(model, "secondorder", v),
                            lambda: _no_ref("secondorder")),
}


def _no_ref(name):
    raise NeuronError("cannot take a pointer to %s" % name)


def _classes() -> Dict[str, Any]:
    from .netcon import NetCon
    from .seclist import SectionList, SectionRef
    from .section import Section
    from .simulation import FInitializeHandler
    out = {"Section": Section, "NetCon": NetCon, "SectionList": SectionList,
           "SectionRef": SectionRef, "FInitializeHandler": FInitializeHandler}
    try:
        from .vector import Vector
        out["Vector"] = Vector
    except ImportError:
        pass
    from .cvode import CVode
    from .parallel import ParallelContext
    out["CVode"] = CVode
    out["ParallelContext"] = ParallelContext
    from .mechselect import MechanismType
    from .mechstd import MechanismStandard
    out["MechanismType"] = MechanismType
    out["MechanismStandard"] = MechanismStandard
    from .pointer import Pointer
    from .ptrvector import PtrVector
    out["Pointer"] = Pointer
    out["PtrVector"] = PtrVector
    from .savestate import SaveState
    out["SaveState"] = SaveState
    from .bbsavestate import BBSaveState
    out["BBSaveState"] = BBSaveState
    from .impedance import Impedance
    out["Impedance"] = Impedance
    from .rangevarplot import RangeVarPlot
    from .shapeplot import PlotShape, Shape
    out["Shape"] = Shape
    out["PlotShape"] = PlotShape
    out["RangeVarPlot"] = RangeVarPlot
    return out


CLASSES: Dict[str, Any] = {}


def _engine_classes() -> Dict[str, Any]:
    """CLASSES, filled on first use (the class modules import much of the engine)."""
    if not CLASSES:
        CLASSES.update(_classes())
    return CLASSES


def names() -> List[str]:
    """Every name lookup() answers (dir(h)), listed without resolving any of them."""
    out = set(FUNCTIONS) | set(_engine_classes()) | set(VARIABLES)
    for mt in registry.order:
        out.add(mt.name)
        out.update(mt.hoc_global_name(g) for g in mt.globals_spec)
        if mt.is_point:
            continue
        out.update(mt.hoc_range_name(v) for v in mt.vars if v.range)
        if mt.suffix and mt.kind != ION:
            out.update("%s_%s" % (f, mt.suffix) for f in mt.functions)
            out.add("setdata_%s" % mt.suffix)
    return sorted(out)


def lookup(name: str):
    """The engine object behind h.<name>: a function, class, Variable, MechType or None."""
    obj = FUNCTIONS.get(name) or _engine_classes().get(name) or VARIABLES.get(name)
    if obj is not None:
        return obj
    return _mechanism_name(name)


def instances(name: str) -> Optional[list]:
    """The live instances of built-in class `name` in creation order (HOC's List("name")):
    NetCons, point processes, Vectors and SectionLists; None for other names."""
    if name == "NetCon":
        from .netcon import live_netcons
        return live_netcons()
    if name in ("Vector", "SectionList"):
        # found among the collector's objects, so that creating them costs nothing extra
        import gc
        from .seclist import SectionList
        from .vector import Vector
        cls = Vector if name == "Vector" else SectionList
        return sorted((o for o in gc.get_objects() if type(o) is cls), key=lambda o: o._id)
    mt = registry.types.get(name)
    if mt is None or not mt.is_point:
        return None
    found = [r() for r in list(model.point_processes.values())]
    return sorted((pp for pp in found if pp is not None and type(pp)._mt is mt),
                  key=lambda pp: pp._index)


def _mechanism_name(name: str):
    from .pointprocess import point_process_class
    mt = registry.types.get(name)
    if mt is not None:
        mt.handed_out = True
        return point_process_class(mt) if mt.is_point else mt
    g = registry.find_global(name)
    if g is not None:
        mt, index, size = g
        mt.handed_out = True
        arr = mt.globals
        return Variable(lambda: float(arr[index]), lambda v: _set_global(mt, index, v),
                        lambda: Ref(lambda: (arr, index), name, keep=arr), size)
    for mt in registry.order:
        suffix = mt.suffix
        if mt.is_point or not mt.functions:
            if name.startswith("setdata_") and name[8:] == suffix:
                pass
            continue
        for fname in mt.functions:
            if name == "%s_%s" % (fname, suffix):
                from .mechfunc import global_function
                mt.handed_out = True
                return global_function(mt, fname)
    for mt in registry.order:
        if not mt.is_point and name == "setdata_%s" % mt.suffix:
            from .mechfunc import setdata

            @uses_cas
            def fn(x=0.5, _mt=mt):
                from .segment import Segment
                if isinstance(x, Segment):
                    setdata(_mt, x.sec, x.x)
                else:
                    setdata(_mt, model.cas(), float(x))
                return 0.0
            return fn
    return None


def _set_global(mt, index: int, value: float) -> None:
    mt.globals[index] = float(value)


def range_variable(name: str):
    """(mechtype, var) for HOC's cas forms (`gnabar_hh(0.5) = 1`), or None."""
    return registry.find_range_var(name)


_hoc_executor: Optional[Callable[[str], object]] = None


def set_hoc_executor(fn: Callable[[str], object]) -> None:
    """The HOC interpreter registers how to run a statement (FInitializeHandler strings...)."""
    global _hoc_executor
    _hoc_executor = fn


def execute_hoc(stmt: str):
    if _hoc_executor is None:
        raise NeuronError("HOC statement %r given but no HOC interpreter is loaded" % stmt)
    return _hoc_executor(stmt)
