"""Built-ins about the language itself: arguments, running code (execute, load_file...),
objects (object_id, object_push...), introspection (name_declared...) and quit()."""
from __future__ import annotations

import re
import sys

from ..errors import HocError, HocQuit
from ..objects import HocObject
from ..symbols import Sym, top_key
from ..values import HocArray, HocRef, is_pointer, string_of
from . import define


def argtype(args, i) -> float:
    i = int(i)
    if i < 1 or i > len(args):
        return -1.0
    a = args[i - 1]
    if isinstance(a, (float, int)):
        return 0.0
    if isinstance(a, str) or (isinstance(a, HocRef) and isinstance(a.v, str)):
        return 2.0
    if is_pointer(a):
        return 3.0
    return 1.0


def name_declared(interp, name, how=0) -> float:
    name = string_of(name)
    sym = interp.top.get(name) or interp.builtins.get(name)
    if sym is None:
        return 0.0
    kind = sym.kind
    if kind == "obj":
        return 2.0
    if kind == "sec":
        return 3.0
    if kind == "str":
        return 4.0
    if kind in ("var", "bvar", "secprop"):
        if int(how) == 2 and sym.ndim:
            return 6.0
        return 5.0
    return 1.0


def install(interp) -> None:
    G = interp.G
    G["_argtype"] = argtype

    def numarg(*a) -> float:
        return 0.0

    def argtype_top(i) -> float:
        raise HocError("argtype can only be called in a func or proc")

    # like NEURON, execute and execute1 run their text as one compound statement
    def execute(cmd, obj=None) -> float:
        interp.execute("{%s}\n" % string_of(cmd), obj)
        return 0.0

    def execute1(cmd, obj=None) -> float:
        """execute1(cmd[, obj]): 1 on success, 0 (error printed) on failure; a number 0 in
        place of obj runs at the top level without printing the error."""
        quiet = isinstance(obj, (int, float)) and not obj
        if isinstance(obj, (int, float)):
            obj = None
        return 1.0 if interp.execute("{%s}\n" % string_of(cmd), obj, report=not quiet,
                                     quiet=quiet) else 0.0

    def load_file(*args) -> float:
        force = False
        if args and not isinstance(args[0], str):
            force = bool(args[0])
            args = args[1:]
        if not args:
            raise HocError("load_file needs a file name")
        name = string_of(args[0])
        if len(args) > 1 and name_declared(interp, args[1]):
            return 1.0
        return 1.0 if interp.load_file(name, force) else 0.0

    def xopen(name, *rest) -> float:
        interp.xopen(string_of(name))
        return 1.0

    def load_definition(kind: str):
        pattern = {"proc": r"^\s*proc\s+%s\s*\(", "func": r"^\s*(func|obfunc)\s+%s\s*\(",
                   "template": r"^\s*begintemplate\s+%s\b"}[kind]

        def load(*names) -> float:
            for name in names:
                name = string_of(name)
                if name_declared(interp, name):
                    continue
                rx = re.compile(pattern % re.escape(name), re.M)
                path = interp.find_definition(rx)
                if path is None:
                    raise HocError("load_%s: no library file defines %s" % (kind, name))
                interp.load_file(path, False)
            return 1.0
        return load

    def object_id(obj, flag=0) -> float:
        if int(flag):
            if obj is None:
                return -1.0
            if isinstance(obj, HocObject):
                return float(obj.__dict__.get("_hoc_index", -1))
            m = re.search(r"\[(\d+)\]$", interp.hname(obj))
            return float(m.group(1)) if m else -1.0
        return 0.0 if obj is None else float(id(obj))

    def object_push(obj) -> float:
        if obj is None:
            raise HocError("object_push: NULLobject")
        interp.obj_stack.append(obj)
        return 0.0

    def object_pop() -> float:
        if not interp.obj_stack:
            raise HocError("object_pop: object stack is empty")
        interp.obj_stack.pop()
        return 0.0

    def object_pushed(i=0):
        i = int(i)
        if i < len(interp.obj_stack):
            return interp.obj_stack[-1 - i]
        return None

    def quit(status=0) -> float:
        raise HocQuit(int(status))

    def execerror(msg=None, msg2=None) -> float:
        text = " ".join(string_of(m) for m in (msg, msg2) if m is not None)
        raise HocError(text or "execerror")

    def nrnpython(code) -> float:
        import __main__
        try:
            exec(string_of(code), __main__.__dict__)
        except Exception as e:  # reported, as NEURON does, and 0 returned
            sys.stderr.write("nrnpython: %s: %s\n" % (type(e).__name__, e))
            return 0.0
        return 1.0

    def allobjects(*args) -> float:
        for t in interp.templates.values():
            for o in t.live_instances():
                interp.write("%s with %d refs\n" % (o.hname(), max(sys.getrefcount(o) - 3, 1)))
        return 0.0

    def allobjectvars(*args) -> float:
        for sym in interp.top.syms.values():
            if sym.kind == "obj":
                v = G.get(sym.key)
                vals = v if isinstance(v, list) else [v]
                for k, o in enumerate(vals):
                    label = sym.name + ("[%d]" % k if isinstance(v, list) else "")
                    interp.write("obp %s -> %s\n" % (label, interp.hname(o)))
        return 0.0

    def symbols(*args) -> float:
        names = sorted(interp.top.syms)
        interp.write("\n".join(names) + "\n")
        return 0.0

    def units(*args):
        if len(args) > 1:
            return string_of(args[1])
        return ""

    def variable_domain(*args) -> float:
        return 0.0

    hoc_obj = Sym("hoc_obj_", "obj", "G", top_key("hoc_obj_"), ndim=1)
    interp.builtins.add(hoc_obj)
    G[hoc_obj.key] = HocArray((2,), None)
    define(interp, "numarg", numarg, "intrinsic")
    define(interp, "argtype", argtype_top, "intrinsic")
    define(interp, "execute", execute, "runs")
    define(interp, "execute1", execute1, "runs")
    define(interp, "load_file", load_file, "runs")
    define(interp, "xopen", xopen, "runs")
    define(interp, "load_proc", load_definition("proc"), "runs")
    define(interp, "load_func", load_definition("func"), "runs")
    define(interp, "load_template", load_definition("template"), "runs")
    define(interp, "object_id", object_id)
    define(interp, "object_push", object_push)
    define(interp, "object_pop", object_pop)
    define(interp, "object_pushed", object_pushed, "obj")
    define(interp, "name_declared", lambda name, how=0: name_declared(interp, name, how))
    define(interp, "quit", quit, "runs")
    define(interp, "execerror", execerror)
    define(interp, "nrnpython", nrnpython)
    define(interp, "allobjects", allobjects)
    define(interp, "allobjectvars", allobjectvars)
    define(interp, "symbols", symbols)
    define(interp, "units", units, "str")
    define(interp, "variable_domain", variable_domain)
