"""Statements: recursive descent over the token stream.

HOC's layout rules (checked against nrniv 9.0.2): a top-level statement ends at a newline,
except that another statement may follow an object's method call (`v.fill(1) v.printf()`);
inside braces statements may follow each other on one line; the body of `if`, `while`, `for`
and `proc` must start on the header's line, and `else` must follow on the line where the
`if` body ends.  `items()` yields one top-level item at a time so the interpreter can run
each before the next is read, as HOC does.
"""
from __future__ import annotations

from typing import Iterator, List

from . import nodes as N
from .lexer import Lexer
from .pratt import ExprParser

_DEF_KEYWORDS = ("proc", "func", "obfunc", "iterator")
_TEMPLATE_KEYWORDS = ("begintemplate", "endtemplate", "public", "external")
_DECL_KEYWORDS = {"double": "double", "objref": "objref", "objectvar": "objref",
                  "strdef": "strdef", "create": "create"}


class Parser(ExprParser):

    def __init__(self, text_or_lexer, filename: str = ""):
        lexer = text_or_lexer if isinstance(text_or_lexer, Lexer) else Lexer(text_or_lexer,
                                                                             filename)
        super().__init__(lexer)

    # ------------------------------------------------------------------ top level

    def items(self) -> Iterator[object]:
        """Top-level items one at a time; `self.joined` says whether the one just yielded shares
        its line with another statement (HOC prints the value of neither)."""
        self.joined = False
        while True:
            while self.peek().kind == "NL":
                self.next()
            if self.peek().kind == "EOF":
                return
            item = self.top_item()
            follows = self.peek().kind not in ("NL", "EOF")
            if follows and not _ends_with_method_call(item):
                raise self.fail()
            self.joined = follows or self.joined
            yield item
            self.joined = follows

    def top_item(self):
        t = self.peek()
        if t.kind == "NAME":
            if t.value in _DEF_KEYWORDS:
                return self.definition()
            if t.value in _TEMPLATE_KEYWORDS:
                self.next()
                kind = t.value
                names = [self.expect_name().value]
                if kind in ("public", "external"):
                    while self.at_op(","):
                        self.next()
                        names.append(self.expect_name().value)
                return N.TemplateDirective(kind, names, t.line, t.col)
        return self.statement()

    def definition(self) -> N.ProcDef:
        t = self.next()
        name = self.expect_name()
        self.expect_op("(")
        self.expect_op(")")
        self.expect_op("{")
        locals_: List[str] = []
        localobjs: List[str] = []
        while True:
            while self.peek().kind == "NL":
                self.next()
            if self.at_name("local") or self.at_name("localobj"):
                dest = locals_ if self.next().value == "local" else localobjs
                while True:
                    n = self.expect_name()
                    if n.value in locals_ or n.value in localobjs:
                        raise self.fail("%s already declared local" % n.value, n)
                    dest.append(n.value)
                    if not self.at_op(","):
                        break
                    self.next()
                continue
            break
        body = self.block_body()
        return N.ProcDef(t.value, name.value, locals_, localobjs, body, t.line, t.col,
                         self.last.line)

    # ------------------------------------------------------------------ statements

    def block_body(self) -> list:
        """Statements up to the closing brace (the opening one has been read)."""
        body = []
        while True:
            t = self.peek()
            if t.kind == "NL":
                self.next()
                continue
            if t.kind == "OP" and t.value == "}":
                self.next()
                return body
            if t.kind == "EOF":
                raise self.fail()
            if t.kind == "NAME" and t.value in ("local", "localobj"):
                raise self.fail("local declarations must come first in a procedure body")
            body.append(self.statement())

    def statement(self):
        t = self.peek()
        if t.kind == "NL" or t.kind == "EOF":
            raise self.fail()
        if t.kind == "OP" and t.value == "{":
            self.next()
            return N.Block(self.block_body(), t.line, t.col)
        if t.kind == "NAME":
            handler = _KEYWORD_STATEMENTS.get(t.value)
            if handler is not None:
                return handler(self)
            if t.value in _DECL_KEYWORDS:
                return self.declaration()
            if t.value in _DEF_KEYWORDS or t.value in _TEMPLATE_KEYWORDS:
                raise self.fail("%s allowed only at the top level" % t.value)
            if t.value in ("depvar", "eqn"):
                raise self.fail("the %s statement is not supported" % t.value)
        expr = self.expression()
        if _section_candidate(expr) and self._starts_statement():
            body = self.statement()
            return N.SecStmt(expr, body, t.line, t.col)
        return N.ExprStmt(expr, t.line, t.col)

    def _starts_statement(self) -> bool:
        t = self.peek()
        if t.kind in ("NAME", "ARG"):
            return not (t.kind == "NAME" and t.value == "else")
        return t.kind == "OP" and t.value == "{"

    def s_if(self):
        t = self.next()
        cond = self.condition()
        then = self.statement()
        orelse = None
        if self.at_name("else"):
            self.next()
            orelse = self.statement()
        return N.If(cond, then, orelse, t.line, t.col)

    def s_while(self):
        t = self.next()
        cond = self.condition()
        return N.While(cond, self.statement(), t.line, t.col)

    def condition(self):
        self.expect_op("(")
        e = self.expression()
        self.expect_op(")")
        return e

    def s_for(self):
        t = self.next()
        if self.at_op("("):
            a, b = self.peek(1), self.peek(2)
            if a.kind == "NAME" and b.kind == "OP" and b.value in (")", ","):
                self.next()
                var = N.Name(self.next().value, [], None, a.line, a.col)
                ends = None
                if self.at_op(","):
                    self.next()
                    ends = self.expression()
                self.expect_op(")")
                return N.ForSeg(var, ends, self.statement(), t.line, t.col)
            self.next()
            init = None if self.at_op(";") else self.statement()
            self.expect_op(";")
            cond = self.expression()
            self.expect_op(";")
            inc = None if self.at_op(")") else self.statement()
            self.expect_op(")")
            return N.For(init, cond, inc, self.statement(), t.line, t.col)
        first = self.peek()
        if first.kind != "NAME":
            raise self.fail()
        self.next()
        ref = self.postfix(self.name_ref(first))
        if self.at_op("="):
            if not isinstance(ref, N.Name) or ref.args is not None:
                raise self.fail()
            self.next()
            start = self.expression()
            self.expect_op(",")
            stop = self.expression()
            return N.ForRange(ref, start, stop, self.statement(), t.line, t.col)
        if getattr(ref, "args", None) is None:
            raise self.fail()
        return N.ForIter(ref, self.statement(), t.line, t.col)

    def s_print(self):
        t = self.next()
        items = [self.expression()]
        while self.at_op(","):
            self.next()
            items.append(self.expression())
        return N.Print(items, t.line, t.col)

    def s_return(self):
        t = self.next()
        nxt = self.peek()
        if nxt.kind in ("NL", "EOF") or (nxt.kind == "OP" and nxt.value == "}"):
            return N.Return(None, t.line, t.col)
        return N.Return(self.expression(), t.line, t.col)

    def s_jump(self):
        t = self.next()
        return N.Jump(t.value, t.line, t.col)

    def declaration(self):
        t = self.next()
        kind = _DECL_KEYWORDS[t.value]
        items = []
        cols = []
        while True:
            n = self.expect_name()
            dims = self.subscripts()
            if kind == "strdef" and dims:
                raise self.fail("strdef arrays are not allowed", n)
            items.append((n.value, dims))
            cols.append(n.col)
            if not self.at_op(","):
                break
            self.next()
        return N.Decl(kind, items, t.line, t.col, cols)

    def s_delete(self):
        t = self.next()
        return N.Delete(self.expect_name().value, t.line, t.col)

    def s_access(self):
        t = self.next()
        return N.Access(self.expression(), t.line, t.col)

    def s_connect(self):
        t = self.next()
        child = self.expression()
        self.expect_op(",")
        parent = self.expression()
        return N.Connect(child, parent, t.line, t.col)

    def s_insert(self):
        t = self.next()
        return N.Insert(self.expect_name().value, t.value == "uninsert", t.line, t.col)

    def s_forsec(self):
        t = self.next()
        what = None if t.value == "forall" else self.expression()
        return N.ForSec(t.value, what, self.statement(), t.line, t.col)

    def s_setpointer(self):
        t = self.next()
        target = self.expression()
        self.expect_op(",")
        return N.Setpointer(target, self.expression(), t.line, t.col)

    def s_help(self):
        t = self.next()
        if not self._buf:
            self.lexer.skip_to_eol()
        while self.peek().kind not in ("NL", "EOF"):
            self.next()
        return N.Nothing(t.line, t.col)

    def s_debug(self):
        t = self.next()
        return N.Nothing(t.line, t.col)


_KEYWORD_STATEMENTS = {
    "if": Parser.s_if, "while": Parser.s_while, "for": Parser.s_for, "print": Parser.s_print,
    "return": Parser.s_return, "break": Parser.s_jump, "continue": Parser.s_jump,
    "stop": Parser.s_jump, "iterator_statement": Parser.s_jump, "delete": Parser.s_delete,
    "access": Parser.s_access, "connect": Parser.s_connect, "insert": Parser.s_insert,
    "uninsert": Parser.s_insert, "forall": Parser.s_forsec, "forsec": Parser.s_forsec,
    "ifsec": Parser.s_forsec, "setpointer": Parser.s_setpointer, "help": Parser.s_help,
    "debug": Parser.s_debug,
}


def _section_candidate(expr) -> bool:
    """A bare name, subscripted name or member chain can be a section in `sec stmt`."""
    if isinstance(expr, N.Name):
        return expr.args is None
    if isinstance(expr, N.Member):
        return expr.args is None
    return False


def parse(text: str, filename: str = "") -> list:
    """Parse a whole text (for tools and tests; the interpreter runs items as they come)."""
    return list(Parser(text, filename).items())


def _ends_with_method_call(item) -> bool:
    """Whether a top-level statement ends with `obj.method(...)`, after which HOC lets the
    next statement start on the same line."""
    while True:
        if isinstance(item, N.ExprStmt):
            e = item.expr
            return isinstance(e, N.Member) and e.args is not None
        if isinstance(item, N.If):
            item = item.orelse if item.orelse is not None else item.then
        elif isinstance(item, (N.While, N.For, N.ForRange, N.ForIter, N.ForSeg, N.SecStmt)):
            item = item.body
        else:
            return False
