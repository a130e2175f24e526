"""Built-ins the compiler expands in place: `numarg()`, `argtype(i)` read the caller's
arguments, and `printf`/`sprint` with a literal format become one Python `%` operation."""
from __future__ import annotations

from . import nodes as N
from .formatting import inline_format


class IntrinsicCompiler:

    def i_numarg(self, node):
        if node.args:
            raise self.fail("numarg takes no arguments", node)
        self.proc.needs_tuple = True
        return ("float(len(_a))" if self.proc.kind else "0.0"), "num"

    def i_argtype(self, node):
        if len(node.args) != 1:
            raise self.fail("argtype takes one argument", node)
        if not self.proc.kind:
            return "_b_argtype(%s)" % self.num(node.args[0]), "num"
        self.proc.needs_tuple = True
        return "_argtype(_a, %s)" % self.num(node.args[0]), "num"

    def literal_format(self, fmt_node, arg_nodes):
        """`'fmt' % (args)` for a literal format, or None to use the run-time formatter."""
        if not isinstance(fmt_node, N.Str):
            return None
        fast = inline_format(fmt_node.value, len(arg_nodes))
        if fast is None:
            return None
        pyfmt, convs = fast
        values = []
        for conv, a in zip(convs, arg_nodes):
            code, typ = self.expr(a)
            if typ == "bool":
                code = "(1.0 if %s else 0.0)" % code
            values.append("int(%s)" % code if conv == "int" else
                          "_fmts(%s)" % code if conv == "_fstr" and typ != "str" else code)
        if not values:
            return repr(pyfmt.replace("%%", "%"))
        return "(%r %% (%s,))" % (pyfmt, ", ".join(values))

    def i_printf(self, node):
        args = node.args
        if args:
            text = self.literal_format(args[0], args[1:])
            if text is not None:
                return "_printf_text(%s)" % text, "num"
        return "_b_printf(%s)" % self.arglist(args), "num"

    def i_sprint(self, node):
        args = node.args
        if len(args) >= 2:
            target = self.string_target(args[0])
            if target is not None:
                text = self.literal_format(args[1], args[2:])
                if text is not None:
                    return "(1.0, %s)[0]" % target.store_expr.format(v=text), "num"
        return "_b_sprint(%s)" % self.arglist(args), "num"

    def st_sprint(self, node) -> bool:
        """sprint as a statement: a plain string assignment."""
        args = node.args
        if len(args) >= 2:
            target = self.string_target(args[0])
            if target is not None:
                text = self.literal_format(args[1], args[2:])
                if text is not None:
                    self.emit(target.store.format(v=text))
                    return True
        return False

    def i_strcmp(self, node):
        if len(node.args) != 2:
            raise self.fail("strcmp takes two strings", node)
        a, b = (self.value(x) for x in node.args)
        return "%s(%s, %s)" % (self.gkey("_strcmp"), a, b), "num"

    def i_read(self, node):
        if len(node.args) != 1:
            raise self.fail("read takes one variable", node)
        return "_b_read(%s)" % self.address(node.args[0]), "num"

    def string_target(self, node):
        """The LValue of a strdef variable or `$sN` argument, else None."""
        if isinstance(node, N.Name) and node.args is None and not node.index:
            sym = self.lookup(node.name)
            if sym is not None and sym.kind == "str":
                return self.lvalue(node)
        if isinstance(node, N.Arg) and node.kind == "s":
            return self.lvalue(node)
        return None
