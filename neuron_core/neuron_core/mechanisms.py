"""The registry of mechanism types: ions, compiled NMODL libraries, name lookup.

Compiled libraries (from `nrnivmodl` or a mechanism plugin) are opened with `ffi.dlopen`; each
exports `nrn_mech_lib_init(api, &count)` returning descriptors whose JSON metadata names the
variables.  Ions are engine-coded and created on first use (USEION or `ion_register`).
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional, Tuple

from .engine import eng, ffi, lib
from .errors import NeuronError
from .mechtype import (ARTIFICIAL, DENSITY, ION, POINT, MechType, VarSpec, parse_metadata)

# (ci0, co0, e default, charge) of the ions NEURON predefines
_ION_DEFAULTS = {
    "na": (10.0, 140.0, 50.0, 1.0),
    "k": (54.4, 2.5, -77.0, 1.0),
    "ca": (5e-5, 2.0, 132.4579341637009, 2.0),
}
VALENCE_UNSET = -10000.0
ION_COLS = ("e", "ci", "co", "cur", "dcurdv", "style")


class Registry:
    """All mechanism types known to the process, in registration order."""

    def __init__(self):
        self.types: Dict[str, MechType] = {}
        self.order: List[MechType] = []
        self.libraries: Dict[str, object] = {}   # realpath -> descriptor array
        self.library_files: Dict[str, str] = {}  # mechanism name -> file it came from
        self.yielding: Dict[str, str] = {}       # name -> package whose mechanism a model file replaces
        self._ion_desc = lib.nrn_ion_descriptor()
        self.version = 0                         # bumps when a type is added
        self.listeners: List = []                # called with each type added or replaced

    # ---------------------------------------------------------------- ions

    def ion(self, name: str, charge: Optional[float] = None) -> MechType:
        """The ion mechanism `<name>_ion`, created on first use."""
        mname = name + "_ion"
        mt = self.types.get(mname)
        if mt is None:
            ci0, co0, e0, z = _ION_DEFAULTS.get(name, (1.0, 1.0, 0.0, VALENCE_UNSET))
            cols = [
                dict(name="e" + name, col=0, kind="parameter", default=e0, units="mV"),
                dict(name=name + "i", col=1, kind="parameter", default=ci0, units="mM"),
                dict(name=name + "o", col=2, kind="parameter", default=co0, units="mM"),
                dict(name="i" + name, col=3, kind="assigned", units="mA/cm2"),
                dict(name="di%s_dv_" % name, col=4, kind="assigned", units="S/cm2"),
                dict(name="style", col=5, kind="hidden", range=False),
            ]
            meta = {"name": mname, "suffix": mname, "kind": "ion", "columns": cols,
                    "globals": [dict(name="%si0_%s" % (name, mname), index=0, default=ci0, units="mM"),
                                dict(name="%so0_%s" % (name, mname), index=1, default=co0, units="mM"),
                                dict(name="charge", index=2, default=z)]}
            mt = MechType(mname, ION, meta, desc=None)
            mt.ion_name = name
            self._add(mt)
        if charge is not None and charge != VALENCE_UNSET:
            cur = mt.globals[2]
            if cur == VALENCE_UNSET:
                mt.globals[2] = charge
            elif cur != charge:
                raise NeuronError("%s_ion already defined with charge %g, cannot redefine with charge %g"
                                  % (name, cur, charge))
        return mt

    def is_ion(self, name: str) -> bool:
        mt = self.types.get(name)
        return mt is not None and mt.kind == ION

    # ---------------------------------------------------------- libraries

    def load_library(self, path: str, package: Optional[str] = None,
                     builtin: bool = False) -> List[MechType]:
        """Open a compiled mechanism library and register its mechanisms.

        `package` names the plugin package the library was built for.  A plugin's mechanism
        that NEURON does not build in (`builtin` False: VecStim, third-party plugins) gives
        way to a model's own file of the same name, as long as it has not been used; a
        name NEURON builds in (hh, pas, ExpSyn...) cannot be defined again, as in NEURON.
        """
        real = os.path.realpath(path)
        if real in self.libraries:
            return []
        if not os.path.exists(real):
            raise NeuronError("mechanism library not found: %s" % path)
        count = ffi.new("int*")
        err = ffi.new("char[1024]")
        descs = lib.nrn_load_mech_library(real.encode(), count, err, 1024)
        if descs == ffi.NULL:
            raise NeuronError("cannot load mechanism library %s: %s"
                              % (path, ffi.string(err).decode(errors="replace")))
        # validate all before registering any, so a clash leaves the process unchanged
        metas = []
        for k in range(count[0]):
            d = descs[k]
            if d.abi_version != lib.NRN_MECH_ABI_VERSION:
                raise NeuronError("%s was built for mechanism ABI %d, the engine has %d; rebuild it "
                                  "with nrnivmodl" % (path, d.abi_version, lib.NRN_MECH_ABI_VERSION))
            meta = parse_metadata(d)
            if meta["name"] in self.types:
                self._check_replaceable(meta["name"], meta.get("file", path))
            metas.append((d, meta))
        self.libraries[real] = descs
        new = []
        for d, meta in metas:
            kind = {"density": DENSITY, "point": POINT, "artificial": ARTIFICIAL}[meta["kind"]]
            for ion in meta.get("ions", []):
                self.ion(ion["name"], ion.get("valence"))
            mt = MechType(meta["name"], kind, meta, desc=d, library=real)
            self.library_files[mt.name] = meta.get("file", path)
            old = self.types.get(mt.name)
            if old is None:
                self._add(mt)
            else:
                self._replace(old, mt)
            if package is not None and not builtin:
                self.yielding[mt.name] = package
            new.append(mt)
        return new

    def _check_replaceable(self, name: str, new_file: str) -> None:
        old = self.types[name]
        where = self.library_files.get(name, "built in")
        package = self.yielding.get(name)
        if package is None:
            raise NeuronError("The user defined name, %s, already exists (%s: %s is already defined "
                              "from %s)" % (name, new_file, name, where))
        if old.nrows or old.handed_out:
            raise NeuronError("%s from %s would replace the %s of package %s, which is already in "
                              "use: load the model's mechanisms before using %s"
                              % (name, new_file, name, package, name))

    def _replace(self, old: MechType, mt: MechType) -> None:
        """A model file's mechanism takes the unused plugin mechanism's place and type number."""
        mt.type_index = old.type_index
        self.types[mt.name] = mt
        self.order[old.type_index] = mt
        del self.yielding[mt.name]
        self.version += 1
        for fn in self.listeners:
            fn(mt)

    def _add(self, mt: MechType) -> None:
        mt.type_index = len(self.order)
        self.types[mt.name] = mt
        self.order.append(mt)
        self.version += 1
        for fn in self.listeners:
            fn(mt)

    # -------------------------------------------------------------- lookup

    def get(self, name: str) -> MechType:
        try:
            return self.types[name]
        except KeyError:
            raise NeuronError("%s is not a mechanism" % name) from None

    def density(self, name: str) -> MechType:
        mt = self.types.get(name)
        if mt is None or mt.kind not in (DENSITY, ION) and mt.name != "extracellular":
            if mt is not None and mt.is_point:
                raise NeuronError("%s is a point process, not a density mechanism (use h.%s(seg))"
                                  % (name, name))
            raise NeuronError("argument not a density mechanism name: %s" % name)
        return mt

    def find_range_var(self, name: str) -> Optional[Tuple[MechType, VarSpec]]:
        """`gnabar_hh` -> (hh, gnabar); `ena` -> (na_ion, ena); None when unknown."""
        for mt in self.order:
            if mt.kind == ION:
                v = mt.by_name.get(name)
                if v is not None and v.range:
                    return mt, v
            elif mt.kind in (DENSITY,) or mt.name == "extracellular":
                suf = "_" + mt.suffix if mt.suffix else ""
                if suf and name.endswith(suf):
                    v = mt.by_name.get(name[:-len(suf)])
                    if v is not None and v.range:
                        return mt, v
                elif not suf:
                    v = mt.by_name.get(name)
                    if v is not None and v.range:
                        return mt, v
        return None

    def find_global(self, name: str):
        """`gnabar_hh`-style GLOBAL -> (mechtype, index, size); None when unknown."""
        for mt in self.order:
            for g in mt.globals_spec:
                if mt.hoc_global_name(g) == name:
                    return mt, g.index, g.size
        return None


registry = Registry()
