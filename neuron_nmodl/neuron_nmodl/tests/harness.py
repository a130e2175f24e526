"""A small stand-in for the engine, to test compiled mechanisms without neuron_core's engine.

It opens a mechanism library with cffi (ABI mode, declarations from nrn_mech_abi.h), gives
it an nrn_api whose services record what mechanisms ask for (events, watches, electrode
currents), lays out instance data and ion data in numpy arrays exactly as the ABI says, and
can run NEURON's fixed-step method on independent single-compartment cells
(`Cell.fadvance`), which is enough to compare with NEURON's numbers for a soma.
"""
from __future__ import annotations

import heapq
import json
import os
import re
from typing import Dict, List, Optional

import numpy as np
from cffi import FFI

from ..build import abi_include_dir

ION_DEFAULTS = {"na": (50.0, 10.0, 140.0), "k": (-77.0, 54.4, 2.5),
                "ca": (132.4579341637009, 5e-5, 2.0)}
ION_VARS = ("e", "ci", "co", "cur", "dcurdv", "style")


def _cdef_text() -> str:
    with open(os.path.join(abi_include_dir(), "nrn_mech_abi.h")) as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"#ifdef __cplusplus.*?#endif", "", text, flags=re.S)
    lines = []
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#"):
            m = re.match(r"#define\s+(\w+)\s+(\d+)\s*$", s)
            if m:
                lines.append(line)
            continue
        lines.append(line)
    lines.append("const nrn_mech_desc* const* nrn_mech_lib_init(const nrn_api* api, int* count);")
    return "\n".join(lines)


_ffi: Optional[FFI] = None


def ffi() -> FFI:
    global _ffi
    if _ffi is None:
        f = FFI()
        f.cdef(_cdef_text())
        _ffi = f
    return _ffi


class Library:
    """A loaded mechanism library with a recording nrn_api."""

    def __init__(self, path: str):
        f = ffi()
        self.ffi = f
        self.lib = f.dlopen(path)
        self.events: List[tuple] = []        # (kind, mech name, instance, args...)
        self.watch: Dict[tuple, float] = {}  # (id(m), i, k) -> flag
        self.errors: List[str] = []
        self.electrode: List[tuple] = []
        self.cells: Dict[int, "Cell"] = {}
        self._keep = []
        api = f.new("nrn_api*")
        api.abi_version = self.lib.NRN_MECH_ABI_VERSION

        def cb(sig):
            def deco(fn):
                c = f.callback(sig, fn)
                self._keep.append(c)
                return c
            return deco

        @cb("void(nrn_ctx*, nrn_mech*, int, double*, double, double)")
        def net_send(ctx, m, i, w, delay, flag):
            self.events.append(("net_send", int(f.cast("intptr_t", m)), i, ctx.t + delay, flag,
                                int(f.cast("intptr_t", w))))

        @cb("void(nrn_ctx*, nrn_mech*, int, double)")
        def net_event(ctx, m, i, t):
            self.events.append(("net_event", int(f.cast("intptr_t", m)), i, t))

        @cb("void(nrn_ctx*, nrn_mech*, int, double)")
        def net_move(ctx, m, i, t):
            self.events.append(("net_move", int(f.cast("intptr_t", m)), i, t))

        @cb("void(nrn_ctx*, nrn_mech*, int)")
        def watch_clear(ctx, m, i):
            key = int(f.cast("intptr_t", m))
            for k in [k for k in self.watch if k[0] == key and k[1] == i]:
                del self.watch[k]

        @cb("void(nrn_ctx*, nrn_mech*, int, int, double)")
        def watch_activate(ctx, m, i, k, flag):
            self.watch[(int(f.cast("intptr_t", m)), i, k)] = flag

        @cb("void(nrn_ctx*, int, double, double)")
        def electrode_current(ctx, nd, i_rhs, g):
            ctx.rhs[nd] += i_rhs
            ctx.d[nd] -= g
            self.electrode.append((nd, i_rhs, g))

        @cb("int(nrn_ctx*, double)")
        def at_time(ctx, te):
            x = te - 1e-11
            return 1 if (x <= ctx.t and x > ctx.t - ctx.dt) else 0

        @cb("void(const char*, const char*)")
        def error(msg, detail):
            s = f.string(msg).decode() if msg != f.NULL else ""
            if detail != f.NULL:
                s += " " + f.string(detail).decode()
            self.errors.append(s)

        self._rng = np.random.default_rng(1)

        @cb("double(double*)")
        def random_uniform(stream):
            return float(self._rng.uniform())

        @cb("double(double*)")
        def random_negexp(stream):
            return float(self._rng.exponential())

        @cb("double(double*)")
        def random_normal(stream):
            return float(self._rng.normal())

        @cb("double(double*, double, double)")
        def random_uniform_ab(stream, a, b):
            return a + (b - a) * float(self._rng.uniform())

        @cb("double(double*, double)")
        def random_negexp_mean(stream, mean):
            return mean * float(self._rng.exponential())

        @cb("double(double*, double, double)")
        def random_normal_ms(stream, mean, sd):
            return mean + sd * float(self._rng.normal())

        @cb("double(double*)")
        def random_ipick(stream):
            return float(self._rng.integers(0, 2**32))

        @cb("void(double*, double, double, double)")
        def random_setids(stream, a, b, c):
            self.ids[int(f.cast("intptr_t", stream))] = (a, b, c)

        # arguments of the FUNCTION/PROCEDURE call in progress (numbers or numpy vectors)
        self.call_args: list = []
        self._vecs: list = []

        @cb("int(int)")
        def ifarg(k):
            return 1 if 1 <= k <= len(self.call_args) else 0

        self._argbuf = f.new("double[16]")

        @cb("double*(int)")
        def getarg(k):
            self._argbuf[k] = float(self.call_args[k - 1])
            return self._argbuf + k

        @cb("nrn_vec*(int)")
        def vector_arg(k):
            a = self.call_args[k - 1] if 1 <= k <= len(self.call_args) else None
            if not isinstance(a, np.ndarray):
                return f.NULL
            v = f.new("nrn_vec*")
            v.data = f.cast("double*", a.ctypes.data)
            v.size = len(a)
            v.cap = len(a)
            self._vecs.append((v, a))
            return v

        @cb("void(nrn_vec*, int64_t)")
        def vector_resize(v, n):
            for vec, arr in self._vecs:
                if vec == v:
                    if n > len(arr):
                        raise RuntimeError("harness vectors cannot grow")
            v.size = n

        self._strbufs: list = []

        @cb("const char*(int)")
        def gargstr(k):
            a = self.call_args[k - 1] if 1 <= k <= len(self.call_args) else None
            if not isinstance(a, str):
                return f.NULL
            b = f.new("char[]", a.encode())
            self._strbufs.append(b)
            return b

        api.ifarg = ifarg
        api.getarg = getarg
        api.gargstr = gargstr
        api.vector_arg = vector_arg
        api.vector_resize = vector_resize
        self.netcon_weights: Dict[tuple, list] = {}   # (mech key, i) -> weight arrays

        @cb("int(nrn_ctx*, nrn_mech*, int, double**, int)")
        def for_netcons(ctx, m, i, out, maxn):
            ws = self.netcon_weights.get((int(f.cast("intptr_t", m)), i), [])
            for k, w in enumerate(ws[:maxn]):
                out[k] = f.cast("double*", w.ctypes.data)
            return min(len(ws), maxn)

        self.seqs: Dict[int, float] = {}
        self.ids: Dict[int, tuple] = {}

        @cb("void(double*, double)")
        def random_setseq(stream, seq):
            self.seqs[int(f.cast("intptr_t", stream))] = seq

        self.fake_fired: List[tuple] = []

        @cb("void(int, double, int)")
        def fake_fire(gid, t, fake_out):
            self.fake_fired.append((gid, t, fake_out))

        api.for_netcons = for_netcons
        api.fake_fire = fake_fire
        api.random_setseq = random_setseq
        api.random_setids = random_setids
        api.random_ipick = random_ipick
        api.random_uniform_ab = random_uniform_ab
        api.random_negexp_mean = random_negexp_mean
        api.random_normal_ms = random_normal_ms
        api.net_send = net_send
        api.net_event = net_event
        api.net_move = net_move
        api.watch_clear = watch_clear
        api.watch_activate = watch_activate
        api.electrode_current = electrode_current
        api.at_time = at_time
        api.error = error
        api.random_uniform = random_uniform
        api.random_negexp = random_negexp
        api.random_normal = random_normal
        self.api = api
        count = f.new("int*")
        descs = self.lib.nrn_mech_lib_init(api, count)
        self.descs = {}
        for k in range(count[0]):
            d = descs[k]
            meta = json.loads(f.string(d.metadata).decode())
            self.descs[meta["name"]] = (d, meta)

    def meta(self, name: str) -> dict:
        return self.descs[name][1]

    def globals(self, name: str) -> np.ndarray:
        d, meta = self.descs[name]
        if d.nglobals == 0:
            return np.zeros(0)
        return np.frombuffer(self.ffi.buffer(d.globals, 8 * d.nglobals), dtype=np.float64)

    def global_value(self, mech: str, name: str) -> float:
        for g in self.meta(mech)["globals"]:
            if g["name"] == name:
                return float(self.globals(mech)[g["index"]])
        raise KeyError(name)

    def set_global(self, mech: str, name: str, value: float) -> None:
        for g in self.meta(mech)["globals"]:
            if g["name"] == name:
                self.globals(mech)[g["index"]] = value
                return
        raise KeyError(name)

    def call(self, mech: str, fname: str, *args, inst: Optional["Instances"] = None, i: int = 0,
             ctx=None) -> float:
        d, meta = self.descs[mech]
        self.call_args = list(args)
        for k in range(d.nfns):
            e = d.fns[k]
            if self.ffi.string(e.name).decode() == fname:
                nums = [float(x) if not isinstance(x, (np.ndarray, str)) else 0.0 for x in args]
                a = self.ffi.new("double[]", nums or [0.0])
                if ctx is None:
                    ctx = Context(1).ctx
                m = inst.m if inst is not None else self.ffi.NULL
                return e.fn(ctx, m, i, a)
        raise KeyError(fname)


class Context:
    """nrn_ctx with `nnode` nodes."""

    def __init__(self, nnode: int, dt: float = 0.025, celsius: float = 6.3):
        f = ffi()
        self.nnode = nnode
        self.v = np.full(nnode, -65.0)
        self.rhs = np.zeros(nnode)
        self.d = np.zeros(nnode)
        self.area = np.full(nnode, 100.0)
        self.diam = np.full(nnode, 1.0)
        self.ctx = f.new("nrn_ctx*")
        c = self.ctx
        c.t = 0.0
        c.dt = dt
        c.celsius = celsius
        c.cj = 1.0 / dt
        c.secondorder = 0
        c.nnode = nnode
        for name in ("v", "rhs", "d", "area", "diam"):
            setattr(c, name, f.cast("double*", getattr(self, name).ctypes.data))
        c.vext = f.NULL

    def set_api(self, lib: Library) -> None:
        self.ctx.api = lib.api


class Ion:
    """Per-node data of one ion: e, ci, co, cur, dcurdv, style columns.  `style` is NEURON's
    ion_style code (04 initialise concentrations, 040 initialise e, 0100 e every step)."""

    CHARGE = {"na": 1.0, "k": 1.0, "ca": 2.0}

    def __init__(self, name: str, nnode: int, style: int = 0):
        e, ci, co = ION_DEFAULTS.get(name, (0.0, 1.0, 1.0))
        self.name = name
        self.ci0, self.co0 = ci, co
        self.charge = self.CHARGE.get(name, 1.0)
        self.data = np.zeros((6, nnode))
        self.data[0], self.data[1], self.data[2] = e, ci, co
        self.data[5] = style

    def nernst(self, celsius: float) -> np.ndarray:
        ktf = 1000. * 8.31446261815324 * (celsius + 273.15) / 96485.33212331001
        return ktf / self.charge * np.log(self["co"] / self["ci"])

    def init(self, celsius: float) -> None:
        style = self["style"].astype(int)
        c = (style & 0o4) != 0
        self["ci"][c] = self.ci0
        self["co"][c] = self.co0
        e = (style & 0o40) != 0
        self["e"][e] = self.nernst(celsius)[e]

    def cur(self, celsius: float) -> None:
        self["cur"][:] = 0
        self["dcurdv"][:] = 0
        style = self["style"].astype(int)
        e = (style & 0o100) != 0
        self["e"][e] = self.nernst(celsius)[e]

    def ptr(self, var: str, node: int) -> int:
        return self.data.ctypes.data + 8 * (ION_VARS.index(var) * self.data.shape[1] + node)

    def __getitem__(self, var: str) -> np.ndarray:
        return self.data[ION_VARS.index(var)]


class Instances:
    """All instances of one mechanism type, with the ABI's SoA layout."""

    def __init__(self, lib: Library, name: str, ctx: Context, nodes: List[int],
                 ions: Optional[Dict[str, Ion]] = None, stride: Optional[int] = None):
        f = ffi()
        self.lib = lib
        self.name = name
        self.desc, self.meta = lib.descs[name]
        self.ctx = ctx
        n = len(nodes)
        self.n = n
        self.stride = stride or max(n, 1) + 3
        ncol = max([c["col"] + c["size"] for c in self.meta["columns"]], default=1)
        self.p = np.zeros((ncol, self.stride))
        for c in self.meta["columns"]:
            self.p[c["col"]:c["col"] + c["size"], :] = c["default"]
        nslot = max(len(self.meta["slots"]), 1)
        self.pp = np.zeros((nslot, self.stride), dtype=np.uintp)
        self.node = np.array(nodes, dtype=np.int32)
        self.pnt = np.arange(n, dtype=np.int32)
        self.ions = ions if ions is not None else {}
        self.pointer_targets = {}
        for k, s in enumerate(self.meta["slots"]):
            if s["kind"] == "ion":
                ion = self.ions.setdefault(s["ion"], Ion(s["ion"], ctx.nnode))
                for i, nd in enumerate(nodes):
                    self.pp[k, i] = ion.ptr(s["var"], max(nd, 0))
            elif s["kind"] in ("pointer", "bbcorepointer", "random"):
                buf = np.zeros(max(n, 1) * 8)
                self.pointer_targets[s["name"]] = buf
                for i in range(n):
                    self.pp[k, i] = buf.ctypes.data + 8 * 8 * i
        self.m = f.new("nrn_mech*")
        m = self.m
        m.n = n
        m.stride = self.stride
        m.type = 0
        m.node = f.cast("int*", self.node.ctypes.data)
        m.pnt = f.cast("int*", self.pnt.ctypes.data)
        m.p = f.cast("double*", self.p.ctypes.data)
        m.pp = f.cast("double**", self.pp.ctypes.data)
        m.globals = self.desc.globals
        self.key = int(f.cast("intptr_t", m))

    def col(self, name: str) -> int:
        for c in self.meta["columns"]:
            if c["name"] == name:
                return c["col"]
        raise KeyError(name)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.p[self.col(name), :self.n]

    def __setitem__(self, name: str, value) -> None:
        self.p[self.col(name), :self.n] = value

    def _call(self, field: str) -> None:
        fn = getattr(self.desc, field)
        if fn != ffi().NULL:
            fn(self.ctx.ctx, self.m)
        if self.lib.errors:
            raise RuntimeError("; ".join(self.lib.errors))

    def initialize(self) -> None:
        self._call("initialize")

    def current(self) -> None:
        self._call("current")

    def state(self) -> None:
        self._call("state")

    def table_check(self) -> None:
        self._call("table_check")

    def net_receive(self, i: int, w: List[float], flag: float = 0.0, t: Optional[float] = None):
        if t is not None:
            self.ctx.ctx.t = t
        warr = ffi().new("double[]", w)
        self.desc.net_receive(self.ctx.ctx, self.m, i, warr, flag)
        return list(warr)

    def net_init(self, i: int, w: List[float]):
        warr = ffi().new("double[]", w)
        self.desc.net_init(self.ctx.ctx, self.m, i, warr)
        return list(warr)

    def watch_cond(self, i: int, k: int) -> float:
        return self.desc.watch_cond(self.ctx.ctx, self.m, i, k)


class Cell:
    """Independent single-node cells (one node each, cm in uF/cm2), advanced with NEURON's
    fixed-step order: t += dt/2, currents, solve, v += dv, t += dt/2, states; point-process
    events delivered at step boundaries as NEURON does."""

    def __init__(self, lib: Library, ncell: int = 1, area: float = 100.0, cm: float = 1.0,
                 dt: float = 0.025, celsius: float = 6.3):
        self.lib = lib
        self.ctx = Context(ncell, dt, celsius)
        self.ctx.set_api(lib)
        self.ctx.area[:] = area
        self.cm = np.full(ncell, cm)
        self.ions: Dict[str, Ion] = {}
        self.mechs: List[Instances] = []
        self.queue: list = []
        self.seq = 0
        self._wbufs: Dict[int, object] = {}
        self.fired: List[tuple] = []   # (mechanism key, instance, time) of net_event

    def insert(self, name: str, nodes: Optional[List[int]] = None) -> Instances:
        nodes = list(range(self.ctx.nnode)) if nodes is None else nodes
        inst = Instances(self.lib, name, self.ctx, nodes, self.ions)
        self.mechs.append(inst)
        return inst

    @property
    def t(self) -> float:
        return self.ctx.ctx.t

    def finitialize(self, v: Optional[float] = None) -> None:
        c = self.ctx.ctx
        c.t = 0.0
        c.cj = (2.0 if c.secondorder else 1.0) / c.dt
        self.lib.events.clear()
        self.queue.clear()
        self.fired.clear()
        if v is not None:
            self.ctx.v[:] = v
        for m in self.mechs:
            m.table_check()
        for ion in self.ions.values():
            ion.init(c.celsius)
        for m in self.mechs:
            m.initialize()
        self._collect_events()
        self._deliver(0.0)
        self._setup_matrix()

    def _setup_matrix(self) -> None:
        self.ctx.rhs[:] = 0
        self.ctx.d[:] = 0
        for ion in self.ions.values():
            ion.cur(self.ctx.ctx.celsius)
        for m in self.mechs:
            m.current()

    def _collect_events(self) -> None:
        f = ffi()
        rest = []
        for ev in self.lib.events:
            if ev[0] == "net_send":
                _, key, i, t, flag, waddr = ev
                self.seq += 1
                heapq.heappush(self.queue, (t, self.seq, key, i, flag, self._wbufs.get(waddr)))
            elif ev[0] == "net_move":
                _, key, i, t = ev
                for k, item in enumerate(self.queue):
                    if item[2] == key and item[3] == i and item[4] != 0.0:
                        self.queue[k] = (t,) + item[1:]
                        heapq.heapify(self.queue)
                        break
            else:
                rest.append(ev)
                if ev[0] == "net_event":
                    self.fired.append((ev[1], ev[2], ev[3]))
        self.lib.events = []

    def _deliver(self, til: float) -> None:
        zeros = ffi().new("double[16]")
        while self.queue and self.queue[0][0] <= til + 1e-12:
            t, _, key, i, flag, wbuf = heapq.heappop(self.queue)
            for m in self.mechs:
                if m.key == key:
                    self.ctx.ctx.t = t
                    m.desc.net_receive(self.ctx.ctx, m.m, i, wbuf if wbuf is not None else zeros, flag)
            self._collect_events()

    def send(self, inst: Instances, i: int, t: float, w: List[float]) -> None:
        """A NetCon event with weight vector w to instance i at time t."""
        f = ffi()
        buf = f.new("double[]", list(w) + [0.0] * (8 - len(w)))
        self._wbufs[int(f.cast("intptr_t", buf))] = buf
        self.seq += 1
        heapq.heappush(self.queue, (t, self.seq, inst.key, i, 0.0, buf))

    def fadvance(self) -> None:
        c = self.ctx.ctx
        dt = c.dt
        c.cj = (2.0 if c.secondorder else 1.0) / dt
        for m in self.mechs:
            m.table_check()
        self._deliver(c.t + dt / 2)
        c.t += dt / 2
        self._setup_matrix()
        self.ctx.d[:] += 1e-3 * c.cj * self.cm
        dv = self.ctx.rhs / self.ctx.d
        self.ctx.v[:] += (2.0 if c.secondorder else 1.0) * dv
        c.t += dt / 2
        for m in self.mechs:
            m.state()
        self._deliver(c.t)
