"""`begintemplate ... endtemplate`: building a template from the items between them.

Order: public and external names; the fields the body declares (at template level or inside
methods, including names first assigned in a method); method symbols, so methods can call
each other in any order; the method bodies; then the template-level statements, which run
once at definition time on a throwaway instance (HOC runs them then; they do not initialise
the instances, whose fields start at 0, NULLobject and "").
"""
from __future__ import annotations

from . import nodes as N
from .cg_loops import walk
from .codegen import compile_procedure, compile_statement
from .errors import HocError, HocSyntaxError
from .objects import Template
from .symbols import Sym, top_key

_DECL_KIND = {"double": "var", "objref": "obj", "strdef": "str", "create": "sec"}
_PROC_KIND = {"proc": "proc", "func": "func", "obfunc": "obfunc", "iterator": "iter"}


def define_template(interp, items: list, end: N.TemplateDirective, source) -> Template:
    begin = items[0]
    name = begin.names[0]
    if end.names[0] != name:
        raise _fail(source, end, "endtemplate %s does not match begintemplate %s"
                    % (end.names[0], name))
    old = interp.top.get(name)
    if name in interp.templates or (old is not None and old.kind != "template"):
        raise _fail(source, begin, "%s already declared" % name)
    if interp.builtins.get(name) is not None:
        raise _fail(source, begin, "%s already declared" % name)
    t = Template(name, interp)
    body = items[1:]
    for it in body:
        if isinstance(it, N.TemplateDirective):
            if it.kind == "public":
                t.public.update(it.names)
            elif it.kind == "external":
                for n in it.names:
                    sym = interp.top.get(n)
                    if sym is None:
                        sym = interp.declare_top(n, "var")
                    t.externals[n] = sym
    procs = [it for it in body if isinstance(it, N.ProcDef)]
    _declare_fields(t, body, procs, source)
    method_syms = {}
    for p in procs:
        kind = _PROC_KIND[p.kind]
        if p.name in t.externals or (t.table.get(p.name) is not None
                                     and t.table.get(p.name).kind not in _PROC_KIND.values()):
            raise _fail(source, p, "%s already declared" % p.name)
        sym = Sym(p.name, kind, "F", "m_%s_%s" % (name, p.name), public=p.name in t.public,
                  template=t)
        t.table.add(sym)
        method_syms[p.name] = sym
    for p in procs:
        fn = compile_procedure(interp, p, source, t)
        t.add_method(p.name, _PROC_KIND[p.kind], fn)
    # the template exists (and can be instantiated) from here on
    interp.templates[name] = t
    sym = Sym(name, "template", "G", top_key(name), value=t)
    interp.top.add(sym)
    interp.G["c_" + name] = t.cls
    _run_body(interp, t, body, source)
    return t


def _declare_fields(t: Template, body: list, procs: list, source) -> None:
    for it in body:
        if isinstance(it, N.Decl):
            for fname, dims in it.items:
                _field(t, fname, _DECL_KIND[it.kind], len(dims), source, it)
    for p in procs:
        local = set(p.locals) | set(p.localobjs)
        for n in walk(p.body):
            if isinstance(n, N.Decl):
                for fname, dims in n.items:
                    if fname not in local:
                        _field(t, fname, _DECL_KIND[n.kind], len(dims), source, n)
    for p in [None] + procs:
        local = set(p.locals) | set(p.localobjs) if p is not None else set()
        nodes = p.body if p is not None else [it for it in body if not isinstance(it, N.ProcDef)]
        for n in walk(nodes):
            target = None
            if isinstance(n, N.Assign):
                target = n.target
            elif isinstance(n, (N.ForRange, N.ForSeg)):
                target = n.var
            if isinstance(target, N.Name) and target.args is None and \
                    target.name not in local and t.table.get(target.name) is None and \
                    target.name not in t.externals and \
                    t.interp.builtins.get(target.name) is None:
                _field(t, target.name, "var", 0, source, target)


def _field(t: Template, name: str, kind: str, ndim: int, source, node) -> None:
    sym = t.table.get(name)
    if sym is None:
        if t.interp.builtins.get(name) is not None and kind != "var":
            raise _fail(source, node, "%s : Redeclaring at top level" % name)
        t.add_field(name, kind, ndim)
    elif sym.kind != kind:
        raise _fail(source, node, "%s already declared" % name)
    elif ndim > sym.ndim:
        sym.ndim = ndim


def _run_body(interp, t: Template, body: list, source) -> None:
    """Template-level statements: declarations fix the instances' array sizes and which
    sections each instance creates; other statements run once on a throwaway instance."""
    dummy = object.__new__(t.cls)
    d = dummy.__dict__
    d["_hoc_index"] = -1
    for sym in t.fields:
        d[sym.key] = None if sym.kind == "sec" else t.initial_value(dummy, sym)
    for it in body:
        if isinstance(it, (N.ProcDef, N.TemplateDirective)):
            continue
        if isinstance(it, N.Decl):
            for fname, dims in it.items:
                values = tuple(_eval_dim(interp, t, dummy, e, source, it) for e in dims)
                t.field_dims[fname] = values
                sym = t.table.get(fname)
                if sym.kind != "sec":
                    d[sym.key] = t.initial_value(dummy, sym)
            continue
        fn = compile_statement(interp, it, source, t, toplevel_print=False)
        try:
            interp.call_protected(fn, dummy, d)
        finally:
            interp.units.pop(fn._hoc_unit, None)


def _eval_dim(interp, t: Template, dummy, expr, source, node) -> int:
    stmt = N.ExprStmt(N.Assign(N.Name("hoc_ac_", [], None, node.line, node.col), "=", expr,
                               node.line, node.col), node.line, node.col)
    fn = compile_statement(interp, stmt, source, t, toplevel_print=False)
    try:
        interp.call_protected(fn, dummy, dummy.__dict__)
    finally:
        interp.units.pop(fn._hoc_unit, None)
    n = int(interp.G[top_key("hoc_ac_")] + interp.G[top_key("float_epsilon")])
    if n < 1:
        raise HocError("subscript < 1")
    return n


def _fail(source, node, msg: str) -> HocSyntaxError:
    return HocSyntaxError(msg, source.filename, node.line, source.source_line(node.line),
                          node.col)
