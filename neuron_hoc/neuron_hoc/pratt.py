"""Expressions: a Pratt parser over HOC's operator table.

Precedence, low to high (parse.ypp): assignment `= += -= *= /=` (right), `||`, `&&`,
comparisons `> >= < <= == !=` (one level, left), `+ -`, `* / %`, unary `- !`, `^` (right,
binds tighter than unary minus, so `-2^2` is -4).  There is no unary plus.
"""
from __future__ import annotations

from typing import Iterator, List, Optional

from . import nodes as N
from .errors import HocSyntaxError
from .lexer import Lexer, Token

ASSIGN_OPS = ("=", "+=", "-=", "*=", "/=")
# words that never name a value (HOC's keyword table)
KEYWORDS = frozenset((
    "proc", "func", "obfunc", "return", "break", "continue", "stop", "if", "else", "while",
    "for", "print", "delete", "debug", "double", "depvar", "eqn", "local", "localobj",
    "strdef", "help", "iterator", "iterator_statement", "create", "connect", "setpointer",
    "access", "insert", "uninsert", "forall", "ifsec", "forsec", "begintemplate",
    "endtemplate", "objectvar", "objref", "public", "external"))
# operator -> (left binding power, right binding power)
INFIX = {
    "=": (10, 9), "+=": (10, 9), "-=": (10, 9), "*=": (10, 9), "/=": (10, 9),
    "||": (20, 21),
    "&&": (30, 31),
    ">": (40, 41), ">=": (40, 41), "<": (40, 41), "<=": (40, 41), "==": (40, 41), "!=": (40, 41),
    "+": (50, 51), "-": (50, 51),
    "*": (60, 61), "/": (60, 61), "%": (60, 61),
    "^": (80, 79),
}
PREFIX_BP = 70


class TokenStream:
    """Tokens with lookahead, and `fail` that points at the offending token."""

    def __init__(self, lexer: Lexer):
        self.lexer = lexer
        self._it: Iterator[Token] = lexer.tokens()
        self._buf: List[Token] = []
        self.last: Optional[Token] = None

    def peek(self, k: int = 0) -> Token:
        while len(self._buf) <= k:
            self._buf.append(next(self._it))
        return self._buf[k]

    def next(self) -> Token:
        tok = self.peek()
        if tok.kind != "EOF":
            self._buf.pop(0)
        self.last = tok
        return tok

    def at_op(self, text: str) -> bool:
        t = self.peek()
        return t.kind == "OP" and t.value == text

    def at_name(self, text: str) -> bool:
        t = self.peek()
        return t.kind == "NAME" and t.value == text

    def fail(self, msg: str = "syntax error", tok: Optional[Token] = None) -> HocSyntaxError:
        tok = tok or self.peek()
        col = tok.col
        if msg == "syntax error" and tok.kind not in ("NL", "EOF"):
            col = max(tok.col, tok.end - 1)   # HOC's caret: the last character read
        return HocSyntaxError(msg, self.lexer.filename, tok.line,
                              self.lexer.source_line(tok.line), col,
                              incomplete=tok.kind == "EOF")

    def expect_op(self, text: str) -> Token:
        if not self.at_op(text):
            raise self.fail()
        return self.next()

    def expect_name(self) -> Token:
        t = self.peek()
        if t.kind != "NAME":
            raise self.fail()
        return self.next()


class ExprParser(TokenStream):
    """Pratt loop: a prefix rule for the first token, then infix rules while they bind."""

    def expression(self, rbp: int = 0):
        left = self.prefix()
        while True:
            t = self.peek()
            if t.kind != "OP":
                break
            bp = INFIX.get(t.value)
            if bp is None or bp[0] <= rbp:
                break
            self.next()
            if t.value in ASSIGN_OPS:
                left = self.assignment(left, t)
            else:
                right = self.expression(bp[1])
                left = N.Binary(t.value, left, right, t.line, t.col)
        return left

    def assignment(self, target, tok: Token):
        if not isinstance(target, (N.Name, N.Arg, N.Member)):
            raise self.fail("syntax error", tok)
        value = self.expression(INFIX["="][1])
        if _has_range_arg(target):
            if not self.at_op(":"):
                raise self.fail()
            self.next()
            value = N.Taper(value, self.expression(INFIX["="][1]), tok.line, tok.col)
        return N.Assign(target, tok.value, value, tok.line, tok.col)

    def prefix(self):
        t = self.next()
        if t.kind == "NUM":
            return N.Num(t.value, t.line, t.col)
        if t.kind == "STR":
            return N.Str(t.value, t.line, t.col)
        if t.kind == "NAME":
            if t.value == "new":
                return self.new_expr(t)
            if t.value in KEYWORDS:
                raise self.fail("syntax error", t)
            return self.postfix(self.name_ref(t))
        if t.kind == "ARG":
            kind, n = t.value
            node = N.Arg(kind, n, self.subscripts(), t.line, t.col)
            return self.postfix(node)
        if t.kind == "OP":
            if t.value in ("-", "!"):
                return N.Unary(t.value, self.expression(PREFIX_BP), t.line, t.col)
            if t.value == "(":
                e = self.expression()
                self.expect_op(")")
                return N.Paren(e, t.line, t.col) if isinstance(e, N.Assign) else e
            if t.value == "&":
                target = self.prefix_ref()
                return N.AddrOf(target, t.line, t.col)
        raise self.fail("syntax error", t)

    def prefix_ref(self):
        """The operand of `&`: a variable, array element, range variable, member or `$&n`."""
        t = self.next()
        if t.kind == "NAME" and t.value != "new":
            return self.postfix(self.name_ref(t))
        if t.kind == "ARG":
            return self.postfix(N.Arg(t.value[0], t.value[1], self.subscripts(), t.line, t.col))
        raise self.fail("syntax error", t)

    def new_expr(self, t: Token):
        name = self.expect_name()
        self.expect_op("(")
        args = self.arglist()
        return N.New(name.value, args, t.line, t.col)

    def name_ref(self, t: Token) -> N.Name:
        index = self.subscripts()
        args = None
        if self.at_op("("):
            self.next()
            args = self.arglist()
        return N.Name(t.value, index, args, t.line, t.col)

    def postfix(self, node):
        while self.at_op("."):
            self.next()
            t = self.expect_name()
            if t.value in KEYWORDS:
                raise self.fail("syntax error", t)
            index = self.subscripts()
            args = None
            if self.at_op("("):
                self.next()
                args = self.arglist()
            node = N.Member(node, t.value, index, args, t.line, t.col)
        return node

    def subscripts(self) -> list:
        index = []
        while self.at_op("["):
            self.next()
            index.append(self.expression())
            self.expect_op("]")
        return index

    def arglist(self) -> list:
        """After `(`: comma separated arguments up to `)`; `a:b` is a range argument."""
        args = []
        if self.at_op(")"):
            self.next()
            return args
        while True:
            e = self.expression()
            if self.at_op(":"):
                t = self.next()
                e = N.RangeArg(e, self.expression(), t.line, t.col)
            args.append(e)
            if self.at_op(","):
                self.next()
                continue
            self.expect_op(")")
            return args


def _has_range_arg(target) -> bool:
    args = getattr(target, "args", None)
    return bool(args) and isinstance(args[0], N.RangeArg)
