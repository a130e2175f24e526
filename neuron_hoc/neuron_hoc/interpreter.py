"""The HOC interpreter: symbol tables, the global dict of compiled code, and execution.

HOC reads and runs one top-level statement at a time, so a statement may depend on what the
previous one did (a file loaded, a template defined, `execute("objref o")`).  `run_text`
does the same: parse an item, compile it, run it, go on.  Procedures are compiled when
defined; templates when `endtemplate` closes them.
"""
from __future__ import annotations

import sys
from typing import Callable, Dict, List, Optional

from . import nodes as N
from .codegen import compile_procedure, compile_statement
from .errors import HocError, HocQuit, HocStop, HocSyntaxError
from .files import FileRunner
from .lexer import Lexer
from .objects import HocObject, Template
from .parser import Parser
from .runtime import install as install_runtime
from .sections import SectionGlue
from .symbols import CALLABLE_KINDS, Sym, SymbolTable, top_key
from .templates import define_template
from .translate import to_hoc_error
from .values import HocArray, HocRef

SECPROPS = ("L", "Ra", "nseg", "rallbranch")


class Interpreter(FileRunner):

    def __init__(self):
        self.G: Dict[str, object] = {"__builtins__": __builtins__}
        self.top = SymbolTable()
        self.builtins = BuiltinTable(self)
        self.templates: Dict[str, Template] = {}
        self.units: Dict[str, object] = {}
        self.obj_stack: List[object] = []
        self.file_stack: List[str] = []
        self.loaded_files: set = set()
        self.library_paths: List[str] = []
        self.secprops = SECPROPS
        self.quit_requested = False
        self.running = 0                     # top-level statements being run (nested)
        self.deferred_errors: List[BaseException] = []   # from unref() of freed objects
        self.prog = "NEURON"                 # the name error messages start with
        self.out = None                      # None: sys.stdout at the time of writing
        self.sections = SectionGlue(self)
        self.section_types = self.sections.types
        self.hoc_classes: set = set()
        install_runtime(self)
        self.sections.install(self.G)
        from .builtin import install_all
        install_all(self)

    # ------------------------------------------------------------------ output

    def write(self, text: str) -> None:
        (self.out or sys.stdout).write(text)

    def warning(self, msg: str) -> None:
        sys.stderr.write("%s: %s\n" % (self.progname(), msg))

    def progname(self) -> str:
        return self.prog

    def hname(self, o) -> str:
        if o is None:
            return "NULLobject"
        h = getattr(o, "hname", None)
        if callable(h):
            try:
                return str(h())
            except Exception:
                pass
        if isinstance(o, (type,)):
            return o.__name__
        return str(o)

    # ----------------------------------------------------------------- symbols

    def declare_top(self, name: str, kind: str, ndim: int = 0) -> Sym:
        sym = Sym(name, kind, "G", top_key(name), ndim)
        self.top.add(sym)
        key = sym.key
        if kind == "var":
            self.G[key] = HocArray((1,) * ndim, 0.0) if ndim else 0.0
        elif kind == "obj":
            self.G[key] = HocArray((1,) * ndim, None) if ndim else None
        elif kind == "str":
            self.G[key] = HocRef("")
        elif kind == "sec":
            self.G.setdefault(key, None)
        return sym

    def delete_top(self, name: str) -> None:
        sym = self.top.get(name)
        if sym is None:
            raise HocError("%s not deletable" % name)
        self.top.remove(name)
        self.G.pop(sym.key, None)

    def define_proc(self, pdef: N.ProcDef, source, template=None) -> Callable:
        kind = {"proc": "proc", "func": "func", "obfunc": "obfunc", "iterator": "iter"}[pdef.kind]
        old = self.top.get(pdef.name)
        if old is not None and old.kind not in CALLABLE_KINDS:
            raise HocSyntaxError("%s already defined" % pdef.name, source.filename, pdef.line,
                                 source.source_line(pdef.line))
        if self.builtins.get(pdef.name) is not None and old is None:
            raise HocSyntaxError("%s already defined" % pdef.name, source.filename, pdef.line,
                                 source.source_line(pdef.line))
        fn = self.compile(compile_procedure, pdef, source)
        sym = Sym(pdef.name, kind, "G", top_key(pdef.name))
        self.top.add(sym)
        self.G[sym.key] = fn
        sym.value = fn
        return fn

    def builtin_ref(self, name: str):
        return self.builtins.ref(name)

    def object_by_index(self, name: str, i: int):
        t = self.templates.get(name)
        if t is None:
            raise HocError("%s is not a template" % name)
        return t.by_index(i)

    def template_instances(self, name: str):
        """Live instances of template `name` in creation order (List("name")), or None."""
        t = self.templates.get(name)
        if t is not None:
            return t.live_instances()
        from neuron_core import builtins
        return builtins.instances(name)

    def reference_names(self, obj) -> List[str]:
        """Names of the object variables that refer to obj (StringFunctions.references)."""
        out = []
        for sym in self.top.syms.values():
            if sym.kind != "obj":
                continue
            v = self.G.get(sym.key)
            if isinstance(v, HocArray):
                out.extend("%s[%d]" % (sym.name, k) for k, o in enumerate(v) if o is obj)
            elif v is obj:
                out.append(sym.name)
        for t in self.templates.values():
            fields = [s for s in t.fields if s.kind == "obj"]
            for inst in t.live_instances():
                d = inst.__dict__
                for s in fields:
                    v = d.get(s.key)
                    if isinstance(v, HocArray):
                        out.extend("%s.%s[%d]" % (inst.hname(), s.name, k)
                                   for k, o in enumerate(v) if o is obj)
                    elif v is obj:
                        out.append("%s.%s" % (inst.hname(), s.name))
        return out

    def is_hoc_object(self, o) -> bool:
        return isinstance(o, HocObject) or type(o) in self.hoc_classes

    def is_class(self, v) -> bool:
        return isinstance(v, type)

    # --------------------------------------------------------------- execution

    def context(self):
        return self.obj_stack[-1] if self.obj_stack else None

    def run_text(self, text: str, filename: str = "", first_line: int = 1,
                 toplevel_print: bool = True) -> None:
        """Parse and run HOC text statement by statement; errors raise HocError."""
        lexer = Lexer(text, filename, first_line)
        parser = Parser(lexer)
        template_items: Optional[list] = None
        items = parser.items()
        while True:
            try:
                item = next(items)
            except StopIteration:
                break
            except RecursionError:
                raise HocSyntaxError("statement nested too deeply", filename, lexer.line,
                                     lexer.source_line(lexer.line)) from None
            if template_items is not None:
                if isinstance(item, N.TemplateDirective) and item.kind == "endtemplate":
                    define_template(self, template_items, item, lexer)
                    template_items = None
                elif isinstance(item, N.TemplateDirective) and item.kind == "begintemplate":
                    raise HocSyntaxError("template inside a template", filename, item.line,
                                         lexer.source_line(item.line))
                else:
                    template_items.append(item)
                continue
            if isinstance(item, N.TemplateDirective):
                if item.kind != "begintemplate":
                    raise HocSyntaxError("%s outside a template" % item.kind, filename, item.line,
                                         lexer.source_line(item.line))
                template_items = [item]
                continue
            self.run_item(item, lexer, toplevel_print and not parser.joined)
        if template_items is not None:
            raise HocSyntaxError("missing endtemplate", filename, lexer.line,
                                 lexer.source_line(lexer.line), incomplete=True)

    def run_item(self, item, source, toplevel_print: bool = True) -> None:
        ctx = self.context()
        template = type(ctx)._hoc_template if isinstance(ctx, HocObject) else None
        try:
            if isinstance(item, N.ProcDef):
                self.define_proc(item, source)
                return
            fn = self.compile(compile_statement, item, source, template, toplevel_print)
            depth = self.sections.stack_depth()
            self.running += 1
            try:
                fn(ctx, ctx.__dict__ if ctx is not None else None)
            except (HocStop, HocQuit, KeyboardInterrupt):
                raise
            except Exception as e:
                # located while the statement's compiled unit is still known
                if not isinstance(e, HocError) or not e.located:
                    raise to_hoc_error(self, e, item, source) from e
                raise
            finally:
                self.running -= 1
                self.units.pop(fn._hoc_unit, None)
                # as in NEURON, a top-level statement leaves the section stack as it found it
                self.sections.restore_depth(depth)
            if self.deferred_errors:
                e = self.deferred_errors[0]
                self.deferred_errors.clear()
                raise e
        except HocStop:
            return
        except (HocQuit, KeyboardInterrupt):
            raise
        except HocError as e:
            if not e.located:
                raise to_hoc_error(self, e, item, source) from e
            raise
        except Exception as e:
            raise to_hoc_error(self, e, item, source) from e

    def compile(self, compiler, item, source, *args):
        """Run a compiler entry point; limits of Python's own compiler become HOC errors."""
        try:
            return compiler(self, item, source, *args)
        except (RecursionError, SyntaxError, MemoryError) as e:
            line = getattr(item, "line", 0)
            raise HocSyntaxError("statement too complex to compile (%s)" % type(e).__name__,
                                 source.filename, line, source.source_line(line)) from None

    def call_protected(self, fn, *args, **kwargs):
        """Call HOC code from Python: errors become located HocErrors."""
        try:
            return fn(*args, **kwargs)
        except (HocQuit, KeyboardInterrupt, HocStop):
            raise
        except HocError as e:
            if not e.located:
                raise to_hoc_error(self, e, None, None) from e
            raise
        except Exception as e:
            if self.is_hoc_traceback(e):
                raise to_hoc_error(self, e, None, None) from e
            raise

    def is_hoc_traceback(self, e: BaseException) -> bool:
        tb = e.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename in self.units:
                return True
            tb = tb.tb_next
        return False

    def execute(self, cmd: str, obj=None, report: bool = False, quiet: bool = False,
                echo: bool = True) -> bool:
        """Run HOC text at the top level, or in the context of obj.  With report (or quiet),
        an error is printed (or not) and False returned instead of raised.  echo=False: the
        value of an expression statement is not printed (statements the engine runs for
        FInitializeHandler, CVode.event, timers)."""
        if obj is not None:
            self.obj_stack.append(obj)
        try:
            self.run_text(cmd, "", toplevel_print=echo)
        except HocError as e:
            if not (report or quiet):
                raise
            if report:
                self.report_error(e)
            return False
        finally:
            if obj is not None:
                self.obj_stack.pop()
        return True

    def deferred_error(self, e: BaseException) -> None:
        """An error where Python can not raise it (an object's unref() while it is freed):
        it ends the statement being run, as in NEURON, or is reported at once."""
        if self.running:
            self.deferred_errors.append(e)
        else:
            self.report_error(e)

    def report_error(self, e: BaseException) -> None:
        sys.stdout.flush()
        sys.stderr.write("%s: %s\n" % (self.progname(), e))
        sys.stderr.flush()

class BuiltinTable(SymbolTable):
    """HOC's built-ins, then (looked up on demand) what the engine publishes."""

    def __init__(self, interp: Interpreter):
        super().__init__()
        self.interp = interp
        self.engine_lookup = None

    def get(self, name: str) -> Optional[Sym]:
        sym = self.syms.get(name)
        if sym is not None:
            return sym
        if self.engine_lookup is not None:
            sym = self.engine_lookup(name)
            if sym is not None:
                self.syms[name] = sym
            return sym
        return None

    def ref(self, name: str):
        sym = self.get(name)
        if sym is None or sym.kind != "bvar":
            raise HocError("can not take the address of %s" % name)
        return sym.value[0].ref()
