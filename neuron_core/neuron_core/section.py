"""Sections: unbranched cables of `nseg` segments, connected into trees.

Per-segment values the user sets (diam, cm) live in the section in user order.  Node values
the simulation changes (v) live in the model's node arrays once built; the section holds a
view of its block (`_v`, nodes numbered from the attachment end, the last one the section's own
end node) and, for a root section, of its root node (`_vroot`).  Before the first build, or
after `nseg` changes, those arrays are private copies that the next build installs.
"""
from __future__ import annotations

import weakref
from typing import Iterator, List, Optional

import numpy as np

from . import geometry
from .errors import NeuronError
from .mechanisms import registry
from .mechtype import ION, MechType
from .model import model
from .refs import Ref

DEF_VREST = -65.0


class Section:
    """NEURON's Section (`h.Section(name=..., cell=...)`)."""

    def __init__(self, name: Optional[str] = None, cell=None, *, _hoc_name: Optional[str] = None,
                 _hoc_owner=None):
        d = self.__dict__   # plain stores: __setattr__ is for range variables
        d["_deleted"] = False
        d["_id"] = model.section_counter
        cellname = None
        if cell is not None:
            cellname = str(cell)  # NEURON evaluates str(cell) immediately
            try:
                d["_cellref"] = weakref.ref(cell)
            except TypeError:
                d["_cellref"] = lambda c=cell: c
        else:
            d["_cellref"] = None
        d["_hoc_owner"] = _hoc_owner
        d["_hoc_created"] = _hoc_name is not None
        if _hoc_name is not None:
            d["_name"] = _hoc_name
        elif name is not None:
            d["_name"] = "%s.%s" % (cellname, name) if cellname is not None else str(name)
        else:
            d["_name"] = None
        d["_pyname"] = name
        d["_nseg"] = 1
        d["_L"] = 100.0
        d["_Ra"] = 35.4
        d["_rallbranch"] = 1.0
        d["_diam"] = np.array([500.0])
        d["_cm"] = np.array([1.0])
        d["_v"] = np.full(2, DEF_VREST)
        d["_vroot"] = np.array([DEF_VREST])
        d["_parent_ref"] = None
        d["_parentx"] = 1.0
        d["_childend"] = 0.0
        d["_mechs"] = {}         # mechanism name -> first row of its nseg rows
        d["_pointers"] = {}      # (mechanism, POINTER, segment index) -> Ref set by the user
        # NEURON's property list, most recent first: a mechanism goes to the head, then the
        # ions it uses are put (or moved) in front of it.  Segment iteration follows it and
        # psection prints it reversed.
        d["_mech_order"] = []
        d["_pt3d"] = None  # float32 (n, 4): x, y, z, diam
        d["_arc"] = None
        d["_ion_style"] = {}     # ion name -> style code
        d["_pps"] = []
        d["_node0"] = -1               # index of the first node of the block when built
        d["_rootnode"] = -1
        model.add_section(self, strong=_hoc_name is not None)

    # ------------------------------------------------------------ identity

    def name(self) -> str:
        self._check()
        if self._name is None:
            return "__nrnsec_0x%x" % id(self)
        return self._name

    hname = name

    def __str__(self) -> str:
        return self.name()

    def __repr__(self) -> str:
        return self.name() if not self._deleted else "<deleted section>"

    def hoc_name(self) -> str:
        """The name HOC's secname() gives: a section made in Python with a name is
        `_pysec.<name>` (HOC reads that form back), as in NEURON."""
        if not self._hoc_created and self._name is not None:
            return "_pysec." + self.name()
        return self.name()

    def hoc_internal_name(self) -> str:
        return "__nrnsec_0x%x" % id(self)

    def cell(self):
        if self._cellref is None:
            return self._hoc_owner
        return self._cellref()

    def is_pysec(self) -> bool:
        return not self._hoc_created

    def same(self, other: "Section") -> bool:
        return self is other

    @property
    def _parent(self) -> Optional["Section"]:
        """The parent section while it lives.  A child does not keep its parent alive: as in
        NEURON, a section whose last Python reference goes away is deleted and its children
        become roots (at the next rebuild)."""
        r = self._parent_ref
        return None if r is None else r()

    @_parent.setter
    def _parent(self, psec: Optional["Section"]) -> None:
        self._parent_ref = None if psec is None else weakref.ref(psec)

    def _check(self) -> None:
        if self._deleted:
            raise NeuronError("Accessing a deleted section")

    def __del__(self):
        try:
            if not self._deleted:
                self._release()
        except Exception:
            pass

    def _release(self) -> None:
        """Free everything the section owns; children become roots."""
        self._deleted = True
        for mname, row in self._mechs.items():
            mt = registry.types.get(mname)
            if mt is not None:
                mt.free(row, self._nseg)
        self._mechs.clear()
        for r in self._pps:
            pp = r()
            if pp is not None:
                pp._section_deleted()
        model.forget_section(self)

    # ------------------------------------------------------------- segments

    @property
    def nseg(self) -> int:
        self._check()
        return self._nseg

    @nseg.setter
    def nseg(self, n) -> None:
        self._check()
        n = int(n)
        if n < 1 or n > 32767:
            raise NeuronError("nseg must be in the range 1 to 32767 (%s.nseg = %d)" % (self.name(), n))
        if n == self._nseg:
            return
        self._renseg(n)

    def _renseg(self, n: int) -> None:
        """New segments take the values of the old segment that contains their centre."""
        old = self._nseg
        centres = (np.arange(n) + 0.5) / n
        src = np.minimum((centres * old).astype(int), old - 1)
        self._diam = self._diam[src].copy()
        self._cm = self._cm[src].copy()
        vseg = self._vseg_user()
        vend = self._v[old]
        self._v = np.empty(n + 1)
        self._set_vseg_user(vseg[src], n)
        self._v[n] = vend
        self._vroot = self._vroot.copy()
        if "_vext" in self.__dict__:
            ve = self._vext
            seg = ve[:, :old][:, ::-1] if self._childend == 1.0 else ve[:, :old]
            new = np.empty((ve.shape[0], n + 1))
            mapped = seg[:, src]
            new[:, :n] = mapped[:, ::-1] if self._childend == 1.0 else mapped
            new[:, n] = ve[:, old]
            self._vext = new
            self._vextroot = self._vextroot.copy()
        for mname in list(self._mechs):
            mt = registry.types[mname]
            r_old = self._mechs[mname]
            r_new = mt.alloc(n, self)
            mt.data[:, r_new:r_new + n] = mt.data[:, r_old + src]
            mt.free(r_old, old)
            self._mechs[mname] = r_new
        self._pointers.clear()   # NEURON's POINTERs do not survive a change of nseg either
        self._nseg = n
        self._node0 = -1
        for r in self._pps:   # point processes move to the segment containing their old place
            pp = r()
            if pp is not None and pp._sec is self:
                pp.__dict__["_x"] = self._node_x(pp._x)
        model.structure_dirty = True

    def _vseg_user(self) -> np.ndarray:
        n = self._nseg
        seg = self._v[:n]
        return seg[::-1].copy() if self._childend == 1.0 else seg.copy()

    def _set_vseg_user(self, values: np.ndarray, n: int) -> None:
        self._v[:n] = values[::-1] if self._childend == 1.0 else values

    def _seg_index(self, x: float) -> int:
        """Segment (user order) containing x; x=0 and x=1 map to the end segments."""
        j = int(x * self._nseg)
        return self._nseg - 1 if j >= self._nseg else j

    def _node_x(self, x: float) -> float:
        """Where NEURON puts a point process located at x: an end stays at 0 or 1; otherwise
        the centre of the segment containing x, computed from the node index as NEURON does
        (so a section attached by its 1 end gets 1 - (inode + 0.5)/nseg)."""
        if x <= 0.0 or x >= 1.0:
            return x
        n = self._nseg
        j = self._seg_index(x)
        if self._childend == 1.0:
            return 1.0 - (n - 1 - j + 0.5) / n
        return (j + 0.5) / n

    def _block_index(self, j: int) -> int:
        """Position in the node block of user segment j."""
        return self._nseg - 1 - j if self._childend == 1.0 else j

    def __call__(self, x: float = 0.5):
        from .segment import Segment
        self._check()
        x = float(x)
        if not (0.0 <= x <= 1.0):
            raise ValueError("x must be in the range [0, 1], got %g (section %s)" % (x, self.name()))
        return Segment(self, x)

    def __iter__(self) -> Iterator:
        from .segment import Segment
        self._check()
        n = self._nseg
        return iter([Segment(self, (j + 0.5) / n) for j in range(n)])

    def allseg(self) -> Iterator:
        from .segment import Segment
        self._check()
        n = self._nseg
        return iter([Segment(self, 0.0)] + [Segment(self, (j + 0.5) / n) for j in range(n)]
                    + [Segment(self, 1.0)])

    # ----------------------------------------------------- cable properties

    @property
    def L(self) -> float:
        self._check()
        if self._pt3d is not None and len(self._pt3d) > 1:
            return float(self._arc[-1])
        return self._L

    @L.setter
    def L(self, value) -> None:
        self._check()
        value = float(value)
        if not (value > 0.0) or value > 1e20:
            raise NeuronError("L = %g out of range: L must be > 0 (section %s)" % (value, self.name()))
        if self._pt3d is not None and len(self._pt3d) > 1:
            self._scale_points(value)
        self._L = value
        model.geometry_dirty = True

    @property
    def Ra(self) -> float:
        self._check()
        return self._Ra

    @Ra.setter
    def Ra(self, value) -> None:
        self._check()
        value = float(value)
        if not (value > 0.0) or value > 1e9:
            raise NeuronError("Ra = %g out of range: Ra must be > 0 (section %s)" % (value, self.name()))
        self._Ra = value
        model.geometry_dirty = True

    @property
    def rallbranch(self) -> float:
        self._check()
        return self._rallbranch

    @rallbranch.setter
    def rallbranch(self, value) -> None:
        self._check()
        value = float(value)
        if not (value > 0.0):
            raise NeuronError("rallbranch must be > 0")
        self._rallbranch = value
        model.geometry_dirty = True

    def _set_all_diam(self, value: float) -> None:
        value = float(value)
        if not (value > 0.0) or value > 1e9:
            raise NeuronError("diam = %g out of range: diam must be > 0 (section %s)" % (value, self.name()))
        self._diam[:] = value
        if self._pt3d is not None and len(self._pt3d) > 0:
            self._diam_change()
        model.geometry_dirty = True

    @property
    def diam(self) -> float:
        self._check()
        model.ensure_built()
        return float(self._diam[self._seg_index(0.5)])

    @diam.setter
    def diam(self, value) -> None:
        self._check()
        self._set_all_diam(value)

    @property
    def cm(self) -> float:
        self._check()
        return float(self._cm[self._seg_index(0.5)])

    @cm.setter
    def cm(self, value) -> None:
        self._check()
        self._cm[:] = float(value)
        model.geometry_dirty = True

    @property
    def v(self) -> float:
        return self(0.5).v

    @v.setter
    def v(self, value) -> None:
        self._check()
        n = self._nseg
        self._v[:n + 1] = float(value)
        if self._parent is None:
            self._vroot[0] = float(value)

    def __getattr__(self, name: str):
        if name.startswith("_ref_"):
            return getattr(self(0.5), name)
        if name.startswith("_"):
            raise AttributeError(name)
        if self.__dict__.get("_deleted"):
            raise NeuronError("Accessing a deleted section")
        found = registry.find_range_var(name)
        if found is not None:
            return getattr(self(0.5), name)
        raise AttributeError("'%s' section has no attribute %r" % (self.name(), name))

    def __setattr__(self, name: str, value) -> None:
        if name.startswith("_") or name in _SECTION_PROPS:
            object.__setattr__(self, name, value)
            return
        found = registry.find_range_var(name)
        if found is None:
            if type(self) is not Section:
                # a Python subclass (PyNN's cells) keeps attributes of its own, as in NEURON
                object.__setattr__(self, name, value)
                return
            raise AttributeError("'%s' section has no attribute %r" % (self.name(), name))
        for seg in self:
            setattr(seg, name, value)

    # ------------------------------------------------------------ topology

    def connect(self, parent, parentx=None, childend=None) -> "Section":
        """child.connect(parent(x) [, childend]) or child.connect(parent, x=1, childend=0)."""
        from .segment import Segment
        self._check()
        if isinstance(parent, Segment):
            if childend is not None:
                raise NeuronError("connect(segment, childend) takes at most two arguments")
            childend = 0.0 if parentx is None else parentx
            psec, px = parent.sec, parent.x
        elif isinstance(parent, Section):
            psec = parent
            px = 1.0 if parentx is None else float(parentx)
            childend = 0.0 if childend is None else childend
        else:
            raise TypeError("connect: parent must be a Section or a Segment")
        psec._check()
        childend = float(childend)
        if childend not in (0.0, 1.0):
            raise NeuronError("child connection end must be 0 or 1")
        if not (0.0 <= px <= 1.0):
            raise NeuronError("parent connection point must be in [0, 1]")
        s = psec
        while s is not None:
            if s is self:
                raise NeuronError("A loop exists involving section %s and %s" % (self.name(), psec.name()))
            s = s._parent
        if childend != self._childend:
            self._v[:self._nseg] = self._v[:self._nseg][::-1].copy()
            self._node0 = -1
        self._parent = psec
        self._parentx = px
        self._childend = childend
        self._connect_seq = next(_connect_counter)
        model.structure_dirty = True
        return self

    def disconnect(self) -> None:
        self._check()
        if self._parent_ref is not None:
            self._vroot = np.array([float(self._v[0])])
        self._parent = None
        self._parentx = 1.0
        model.structure_dirty = True

    def parentseg(self):
        self._check()
        if self._parent is None or self._parent._deleted:
            return None
        return self._parent(self._parentx)

    def trueparentseg(self):
        """The parent segment, skipping parents attached at their own 0 end as NEURON does."""
        seg = self.parentseg()
        while seg is not None and seg.x == 0.0 and seg.sec._parent is not None:
            seg = seg.sec.parentseg()
        return seg

    def orientation(self) -> float:
        return self._childend

    def children(self) -> List["Section"]:
        """Child sections in NEURON's order: by connection point x, and at the same x the most
        recently connected first."""
        self._check()
        kids = [s for s in model.sections() if s._parent is self]
        kids.sort(key=lambda s: (s._parentx, -s._connect_seq))
        return kids

    def subtree(self) -> List["Section"]:
        out = [self]
        i = 0
        while i < len(out):
            out.extend(out[i].children())
            i += 1
        return out

    def wholetree(self) -> List["Section"]:
        root = self
        while root._parent is not None and not root._parent._deleted:
            root = root._parent
        return root.subtree()

    def root(self) -> "Section":
        root = self
        while root._parent is not None and not root._parent._deleted:
            root = root._parent
        return root

    # ---------------------------------------------------------- mechanisms

    def insert(self, mech) -> "Section":
        """Insert a density mechanism (name or mechanism type) into every segment."""
        self._check()
        name = mech if isinstance(mech, str) else getattr(mech, "name", None)
        if callable(name):
            name = name()
        if not isinstance(name, str):
            raise TypeError("insert: argument must be a mechanism name")
        if name in self._mechs:
            return self
        if name == "extracellular":
            from .extracellular import insert_extracellular
            insert_extracellular(self)
            return self
        mt = registry.density(name)
        self._insert_type(mt)
        return self

    def _insert_type(self, mt: MechType) -> None:
        if mt.name in self._mechs:
            return
        row = mt.alloc(self._nseg, self)
        self._mechs[mt.name] = row
        self._mech_order.insert(0, mt.name)
        for ion in mt.ions:
            ion_mt = registry.ion(ion["name"], ion.get("valence"))
            self._insert_type(ion_mt)
            self._mech_order.remove(ion_mt.name)
            self._mech_order.insert(0, ion_mt.name)
            self._promote_ion(ion["name"], ion)
        for s in mt.slots:
            if s.kind == "random":
                from .pointers import random_stream
                for j in range(self._nseg):
                    random_stream(self, mt, s.name, row + j)
        mt.call_instance("constructor", row, self._nseg)
        model.structure_dirty = True

    def _promote_ion(self, ion: str, use: dict) -> None:
        """NEURON's ion style promotion from a USEION statement."""
        reads = use.get("read", [])
        writes = use.get("write", [])
        ci, co, e = ion + "i", ion + "o", "e" + ion
        conc = 3 if (ci in writes or co in writes) else (1 if (ci in reads or co in reads) else 0)
        rev = 3 if e in writes else (1 if e in reads else 0)
        old = self._ion_style.get(ion, 0)
        oldconc = max(old & 3, conc)
        oldrev = max((old >> 3) & 3, rev)
        if oldconc > 0 and oldrev < 2:
            oldrev = 2
        style = (old & (0o200 | 0o400)) + oldconc + 8 * oldrev
        if oldconc == 3:
            style += 4
            if oldrev == 2:
                style += 0o100
        if oldconc > 0 and oldrev == 2:
            style += 0o40
        if ci in writes:
            style |= 0o200
        if co in writes:
            style |= 0o400
        self._set_ion_style(ion, style)

    def _set_ion_style(self, ion: str, style: int) -> None:
        self._ion_style[ion] = style
        mt = registry.types.get(ion + "_ion")
        row = self._mechs.get(ion + "_ion")
        if mt is not None and row is not None:
            mt.data[5, row:row + self._nseg] = style

    def _set_pointer(self, mt: MechType, name: str, j: int, ref) -> None:
        """A density mechanism's POINTER at segment j (`setpointer`, `seg.mech._ref_p = ref`)."""
        if not any(s.name == name and s.kind == "pointer" for s in mt.slots):
            raise AttributeError("%s has no POINTER %r" % (mt.name, name))
        if not isinstance(ref, Ref):
            raise TypeError("a POINTER must be set to a _ref_ pointer")
        self._pointers[(mt.name, name, j)] = ref
        model.structure_dirty = True

    def _slot_ref(self, mt: MechType, slot_name: str, row: int) -> Optional[Ref]:
        return self._pointers.get((mt.name, slot_name, row - self._mechs[mt.name]))

    def uninsert(self, mech) -> "Section":
        self._check()
        name = mech if isinstance(mech, str) else mech.name
        if name not in self._mechs:
            return self
        mt = registry.types[name]
        if mt.kind == ION:
            raise NeuronError("cannot uninsert ion %s" % name)
        mt.free(self._mechs.pop(name), self._nseg)
        self._mech_order.remove(name)
        for key in [k for k in self._pointers if k[0] == name]:
            del self._pointers[key]
        if name == "extracellular":
            from .extracellular import after_uninsert
            after_uninsert(self)
        model.structure_dirty = True
        return self

    def has_membrane(self, name: str) -> bool:
        self._check()
        return name in self._mechs

    # -------------------------------------------------------- 3-D points

    def pt3dclear(self, buffer_size: int = 0) -> int:
        self._check()
        self._pt3d = None
        self._arc = None
        model.geometry_dirty = True
        return int(buffer_size)

    def pt3dadd(self, x, y=None, z=None, d=None) -> None:
        self._check()
        if y is None and hasattr(x, "__len__"):
            raise TypeError("pt3dadd(x, y, z, diam) or pt3dadd(xvec, yvec, zvec, dvec)")
        if hasattr(x, "__len__"):
            pts = np.array([list(x), list(y), list(z), list(d)], dtype=np.float32).T
        else:
            pts = np.array([[x, y, z, d]], dtype=np.float32)
        if np.any(pts[:, 3] < 0):
            pass  # negative diameter marks a spine (NEURON's spine3d)
        self._pt3d = pts if self._pt3d is None else np.vstack([self._pt3d, pts])
        self._points_changed()

    def pt3dinsert(self, i: int, x, y, z, d) -> None:
        self._check()
        n = self.n3d()
        i = int(i)
        if not 0 <= i <= n:
            raise NeuronError("pt3dinsert: index %d out of range" % i)
        row = np.array([[x, y, z, d]], dtype=np.float32)
        base = self._pt3d if self._pt3d is not None else np.zeros((0, 4), np.float32)
        self._pt3d = np.vstack([base[:i], row, base[i:]])
        self._points_changed()

    def pt3dremove(self, i: int) -> None:
        i = self._pt_index(i)
        self._pt3d = np.delete(self._pt3d, i, axis=0)
        self._points_changed()

    def pt3dchange(self, i: int, *args) -> None:
        i = self._pt_index(i)
        if len(args) == 1:
            self._pt3d[i, 3] = args[0]
        elif len(args) == 4:
            self._pt3d[i] = args
        else:
            raise TypeError("pt3dchange(i, diam) or pt3dchange(i, x, y, z, diam)")
        self._points_changed()

    def _pt_index(self, i) -> int:
        self._check()
        i = int(i)
        if self._pt3d is None or not 0 <= i < len(self._pt3d):
            raise NeuronError("3-D point index %d out of range for %s" % (i, self.name()))
        return i

    def _points_changed(self) -> None:
        if np.any(self._pt3d[:, 3] < 0) and False:
            raise NeuronError("Diameter less than 0")
        self._arc = geometry.pt3d_arc(self._pt3d)
        if len(self._pt3d) > 1:
            self._L = float(self._arc[-1])
        model.geometry_dirty = True

    def n3d(self) -> int:
        return 0 if self._pt3d is None else len(self._pt3d)

    def x3d(self, i) -> float:
        return float(self._pt3d[self._pt_index(i), 0])

    def y3d(self, i) -> float:
        return float(self._pt3d[self._pt_index(i), 1])

    def z3d(self, i) -> float:
        return float(self._pt3d[self._pt_index(i), 2])

    def diam3d(self, i) -> float:
        return abs(float(self._pt3d[self._pt_index(i), 3]))

    def arc3d(self, i) -> float:
        return float(self._arc[self._pt_index(i)])

    def spine3d(self, i) -> float:
        return 1.0 if self._pt3d[self._pt_index(i), 3] < 0 else 0.0

    def _scale_points(self, newL: float) -> None:
        if model.pt3dconst:   # pt3dconst(1): the points stay; L is recomputed from them
            return
        p0 = self._pt3d[0, :3].copy()
        fac = newL / self._arc[-1]
        self._pt3d[:, :3] = p0 + (self._pt3d[:, :3] - p0) * fac
        self._arc = self._arc * fac

    def _diam_change(self) -> None:
        """Setting diam on a section with 3-D points rewrites the points' diameters (not
        under pt3dconst(1))."""
        if model.pt3dconst:
            return
        L = self.L
        for i in range(len(self._pt3d)):
            x = min(self._arc[i] / L, 1.0)
            self._pt3d[i, 3] = self._diam[self._seg_index(x)]

    # --------------------------------------------------------- iteration

    def psection(self) -> dict:
        from .psection import psection
        return psection(self)

    def push(self) -> "Section":
        model.push_section(self)
        return self

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other) -> bool:
        return self is other

    def __ne__(self, other) -> bool:
        return self is not other

    def __lt__(self, other) -> bool:
        return id(self) < id(other)


_SECTION_PROPS = {"nseg", "L", "Ra", "rallbranch", "diam", "cm", "v"}
_connect_counter = __import__("itertools").count()
