"""Recursive-descent parser: tokens -> nodes.Program.

Statements are parsed by recursive descent; expressions by precedence climbing with
NMODL's (nocmodl's) precedence, low to high:
``||``, ``&&``, comparisons, ``+ -``, ``* / %``, unary ``- !``, ``^`` (right associative, so
``-2^2`` is ``-(2^2)``).
"""
from __future__ import annotations

import os
from typing import Callable, List, Optional, Tuple

from . import nodes as N
from .errors import NmodlError, UnsupportedError
from .lexer import EOF, NAME, NUMBER, OP, OTHER, STRING, TITLE, VERBATIM, Token, tokenize
from .source import SourceFile

_BINARY_LEVELS = [
    ("||",),
    ("&&",),
    ("<", "<=", ">", ">=", "==", "!="),
    ("+", "-"),
    ("*", "/", "%"),
]

_DECL_BLOCKS = ("PARAMETER", "ASSIGNED", "STATE", "CONSTANT", "INDEPENDENT")
_CODE_BLOCKS = ("INITIAL", "BREAKPOINT", "CONSTRUCTOR", "DESTRUCTOR")
_CALLABLES = ("PROCEDURE", "FUNCTION", "DERIVATIVE", "KINETIC", "LINEAR", "NONLINEAR",
              "DISCRETE", "NET_RECEIVE", "FUNCTION_TABLE")
_NAME_LISTS = ("RANGE", "GLOBAL", "NONSPECIFIC_CURRENT", "ELECTRODE_CURRENT", "POINTER",
               "BBCOREPOINTER", "EXTERNAL", "THREADSAFE", "RANDOM")
# Constructs of the NMODL grammar that NEURON 9 removed or never supported in NEURON.
_UNSUPPORTED_TOP = ("PARTIAL", "PLOT", "TERMINAL", "SECTION", "MODEL_LEVEL",
                    "MATCH", "SENS", "CONSTRAINT")
_UNSUPPORTED_STMT = ("SWEEP", "RESET", "MATCH", "PUTQ", "GETQ", "IFERROR", "SENS", "VS",
                     "SOLVEFOR", "DEL", "DEL2", "INT", "PLOT", "TERMINAL")


class Parser:
    """Parses one file; INCLUDEd files are parsed by nested Parsers."""

    def __init__(self, src: SourceFile, include_dirs: Optional[List[str]] = None,
                 defines: Optional[dict] = None, _depth: int = 0):
        self.src = src
        self.toks = tokenize(src)
        self.i = 0
        self.defines = defines if defines is not None else {}
        self.include_dirs = include_dirs or []
        self.depth = _depth

    # ------------------------------------------------------------------ token helpers

    @property
    def tok(self) -> Token:
        t = self.toks[self.i]
        if t.kind == NAME and t.text in self.defines:
            v = self.defines[t.text]
            return Token(NUMBER, str(v), t.loc, t.start, t.end, True)
        return t

    def peek(self, k: int = 1) -> Token:
        j = min(self.i + k, len(self.toks) - 1)
        return self.toks[j]

    def next(self) -> Token:
        t = self.tok
        if t.kind != EOF:
            self.i += 1
        return t

    def error(self, msg: str, tok: Optional[Token] = None) -> NmodlError:
        t = tok or self.tok
        return NmodlError(msg, t.loc)

    def expect_op(self, op: str, what: str = "") -> Token:
        t = self.tok
        if not t.is_op(op):
            raise self.error("expected '%s'%s but found %s" % (op, what, t.describe()))
        return self.next()

    def accept_op(self, op: str) -> bool:
        if self.tok.is_op(op):
            self.next()
            return True
        return False

    def expect_name(self, what: str = "a name") -> Token:
        t = self.tok
        if t.kind != NAME:
            raise self.error("expected %s but found %s" % (what, t.describe()))
        return self.next()

    def accept_name(self, word: str) -> bool:
        if self.tok.is_name(word):
            self.next()
            return True
        return False

    def expect_int(self, what: str = "an integer") -> int:
        t = self.tok
        if t.kind != NUMBER or not t.is_int:
            raise self.error("expected %s but found %s" % (what, t.describe()))
        self.next()
        return int(t.text)

    def signed_number(self) -> Tuple[float, str]:
        sign = ""
        if self.tok.is_op("-") or self.tok.is_op("+"):
            sign = self.next().text
        t = self.tok
        if t.kind != NUMBER:
            raise self.error("expected a number but found %s" % t.describe())
        self.next()
        text = (sign + t.text) if sign == "-" else t.text
        return float(text), text

    def units(self) -> str:
        """Raw text between '(' and its matching ')'."""
        open_tok = self.expect_op("(")
        depth = 1
        while True:
            t = self.toks[self.i]
            if t.kind == EOF:
                raise self.error("unterminated units", open_tok)
            if t.is_op("("):
                depth += 1
            elif t.is_op(")"):
                depth -= 1
                if depth == 0:
                    break
            self.i += 1
        close_tok = self.toks[self.i]
        self.i += 1
        return " ".join(self.src.text[open_tok.end:close_tok.start].split())

    def opt_units(self) -> Optional[str]:
        return self.units() if self.tok.is_op("(") else None

    def name_list(self) -> List[str]:
        names = [self.expect_name().text]
        while self.accept_op(","):
            names.append(self.expect_name().text)
        return names

    # ------------------------------------------------------------------ top level

    def parse_program(self) -> N.Program:
        prog = N.Program(self.parse_items(), path=self.src.path, loc=self.toks[0].loc)
        return prog

    def parse_items(self) -> List[N.TopBlock]:
        items: List[N.TopBlock] = []
        while self.tok.kind != EOF:
            item = self.parse_top()
            if item is not None:
                items.append(item)
        return items

    def parse_top(self) -> Optional[N.TopBlock]:
        t = self.tok
        if t.kind == TITLE:
            self.next()
            return N.Title(t.text, loc=t.loc)
        if t.kind == VERBATIM:
            self.next()
            return N.VerbatimTop(t.text, loc=t.loc)
        if t.kind != NAME:
            raise self.error("expected a block keyword but found %s" % t.describe())
        w = t.text
        if w == "NEURON":
            return self.parse_neuron()
        if w == "UNITS":
            return self.parse_units_block()
        if w in _DECL_BLOCKS:
            return self.parse_decl_block()
        if w in _CODE_BLOCKS:
            self.next()
            return N.CodeBlock(w, self.parse_block(), loc=t.loc)
        if w in ("BEFORE", "AFTER"):
            self.next()
            when = self.expect_name("INITIAL, BREAKPOINT, SOLVE or STEP")
            if when.text not in ("INITIAL", "BREAKPOINT", "SOLVE", "STEP"):
                raise self.error("%s must be followed by INITIAL, BREAKPOINT, SOLVE or STEP" % w, when)
            return N.CodeBlock(w, self.parse_block(), when=when.text, loc=t.loc)
        if w in _CALLABLES:
            return self.parse_callable()
        if w == "DEFINE":
            self.next()
            name = self.expect_name()
            value = self.expect_int("an integer value")
            self.defines[name.text] = value
            return N.Define(name.text, value, loc=t.loc)
        if w == "INCLUDE":
            return self.parse_include()
        if w in ("UNITSON", "UNITSOFF", "ENDVERBATIM"):
            self.next()
            if w == "ENDVERBATIM":
                raise self.error("ENDVERBATIM without VERBATIM", t)
            return None
        if w == "LOCAL":
            # file-scope LOCAL: a per-instance scratch variable in NEURON's vectorised code
            return self.parse_local_decl()
        if w in _UNSUPPORTED_TOP:
            raise UnsupportedError(w + " block", t.loc)
        raise self.error("unknown block keyword %s" % t.describe())

    def parse_include(self) -> N.Include:
        t = self.next()
        f = self.tok
        if f.kind != STRING:
            raise self.error("INCLUDE needs a quoted file name")
        self.next()
        if self.depth > 20:
            raise self.error("INCLUDE nested too deeply", t)
        path = self._find_include(f.text)
        if path is None:
            raise NmodlError("cannot find INCLUDE file \"%s\"" % f.text, f.loc)
        sub = Parser(SourceFile.read(path), self.include_dirs, self.defines, self.depth + 1)
        return N.Include(f.text, sub.parse_items(), loc=t.loc)

    def _find_include(self, name: str) -> Optional[str]:
        if os.path.isabs(name):
            return name if os.path.exists(name) else None
        dirs = [os.getcwd(), os.path.dirname(os.path.abspath(self.src.path))]
        dirs += self.include_dirs
        env = os.environ.get("MODL_INCLUDE", "") + ":" + os.environ.get("MODL_INCLUDES", "")
        dirs += [d for d in env.split(":") if d]
        for d in dirs:
            p = os.path.join(d, name)
            if os.path.exists(p):
                return p
        return None

    # ------------------------------------------------------------------ NEURON block

    def parse_neuron(self) -> N.NeuronBlock:
        t = self.next()
        self.expect_op("{", " after NEURON")
        items: List[N.Node] = []
        while not self.tok.is_op("}"):
            k = self.tok
            if k.kind == VERBATIM:
                raise UnsupportedError("VERBATIM inside the NEURON block", k.loc)
            w = self.expect_name("a NEURON block statement").text
            if w in ("SUFFIX", "POINT_PROCESS", "ARTIFICIAL_CELL"):
                items.append(N.Suffix(w, self.expect_name().text, loc=k.loc))
            elif w == "USEION":
                items.append(self.parse_useion(k))
            elif w == "THREADSAFE":
                names = self.name_list() if self.tok.kind == NAME and not self._is_neuron_kw() else []
                items.append(N.NameList(w, names, loc=k.loc))
            elif w in _NAME_LISTS:
                items.append(N.NameList(w, self.name_list(), loc=k.loc))
            elif w == "REPRESENTS":
                items.append(N.NameList(w, [self.next().text], loc=k.loc))
            else:
                raise NmodlError("unknown NEURON block statement '%s'" % w, k.loc)
        self.expect_op("}")
        return N.NeuronBlock(items, loc=t.loc)

    def _is_neuron_kw(self) -> bool:
        return self.tok.text in ("SUFFIX", "POINT_PROCESS", "ARTIFICIAL_CELL", "USEION",
                                 "REPRESENTS") + _NAME_LISTS

    def parse_useion(self, k: Token) -> N.UseIon:
        ion = self.expect_name("an ion name").text
        u = N.UseIon(ion, loc=k.loc)
        while True:
            if self.accept_name("READ"):
                u.read += self.name_list()
            elif self.accept_name("WRITE"):
                u.write += self.name_list()
            elif self.tok.is_name("VALENCE") or self.tok.is_name("CHARGE"):
                self.next()
                u.valence = self.signed_number()[0]
            elif self.accept_name("REPRESENTS"):
                u.represents = self.next().text
            else:
                return u

    # ------------------------------------------------------------------ UNITS

    def parse_units_block(self) -> N.UnitsBlock:
        t = self.next()
        self.expect_op("{", " after UNITS")
        items: List[N.Node] = []
        while not self.tok.is_op("}"):
            k = self.tok
            if k.is_op("("):
                name = self.units()
                self.expect_op("=")
                items.append(N.UnitDef(name, self.units(), loc=k.loc))
            elif k.kind == NAME:
                self.next()
                self.expect_op("=")
                if self.tok.is_op("("):
                    u1 = self.units()
                    arrow = False
                    if self.tok.is_op("-") and self.peek().is_op(">"):
                        self.next()
                        self.next()
                        arrow = True
                    u2 = self.units() if self.tok.is_op("(") else None
                    items.append(N.UnitFactor(k.text, u1, u2, arrow=arrow, loc=k.loc))
                else:
                    value, text = self.signed_number()
                    unit = self.opt_units()
                    items.append(N.UnitFactor(k.text, None, unit, N.Num(value, text, loc=k.loc),
                                              loc=k.loc))
            else:
                raise self.error("expected a units definition but found %s" % k.describe())
        self.expect_op("}")
        return N.UnitsBlock(items, loc=t.loc)

    # ------------------------------------------------------------------ declarations

    def parse_decl_block(self) -> N.DeclBlock:
        t = self.next()
        kind = t.text
        self.expect_op("{", " after " + kind)
        items: List[N.Node] = []
        while not self.tok.is_op("}"):
            if self.tok.kind == NAME and self.tok.text in ("UNITSON", "UNITSOFF"):
                self.next()
                continue
            if kind in ("PARAMETER", "CONSTANT"):
                items.append(self.parse_param_decl())
            elif kind == "INDEPENDENT":
                items.append(self.parse_independent())
            else:
                items.append(self.parse_var_decl(kind))
        self.expect_op("}")
        return N.DeclBlock(kind, items, loc=t.loc)

    def _opt_size(self) -> Optional[int]:
        if self.accept_op("["):
            n = self.expect_int("an array size")
            self.expect_op("]")
            return n
        return None

    def parse_param_decl(self) -> N.ParamDecl:
        nt = self.expect_name("a variable name")
        d = N.ParamDecl(nt.text, self._opt_size(), loc=nt.loc)
        if self.tok.is_op("("):
            d.unit = self.units()
        if self.accept_op("="):
            vt = self.tok
            value, text = self.signed_number()
            d.value = N.Num(value, text, loc=vt.loc)
            if self.tok.is_op("("):
                d.unit = self.units()
        if self.tok.is_op("<"):
            lt = self.next()
            lo = self.signed_number()[0]
            self.expect_op(",", " in limits")
            hi = self.signed_number()[0]
            self.expect_op(">", " closing limits")
            d.limits = N.Limits(lo, hi, loc=lt.loc)
        return d

    def parse_var_decl(self, kind: str) -> N.VarDecl:
        nt = self.expect_name("a variable name")
        d = N.VarDecl(nt.text, self._opt_size(), loc=nt.loc)
        if self.tok.is_op("("):
            d.unit = self.units()
        if self.accept_name("FROM"):
            lo = self.signed_number()[0]
            if not self.accept_name("TO"):
                raise self.error("expected TO")
            hi = self.signed_number()[0]
            d.from_to = (lo, hi)
        if self.accept_name("START"):
            self.signed_number()
        if self.tok.is_op("<"):
            self.next()
            d.tolerance = self.signed_number()[0]
            if self.accept_op(","):
                self.signed_number()
            self.expect_op(">")
        return d

    def parse_independent(self) -> N.VarDecl:
        nt = self.expect_name("the independent variable")
        if nt.text == "SWEEP":
            raise UnsupportedError("SWEEP", nt.loc)
        d = N.VarDecl(nt.text, loc=nt.loc)
        if self.accept_name("FROM"):
            self.signed_number()
            if not self.accept_name("TO"):
                raise self.error("expected TO")
            self.signed_number()
            if self.accept_name("WITH"):
                self.signed_number()
            if self.accept_name("START"):
                self.signed_number()
        if self.tok.is_op("("):
            d.unit = self.units()
        return d

    # ------------------------------------------------------------------ procedures etc.

    def parse_params(self) -> List[N.Param]:
        self.expect_op("(")
        params: List[N.Param] = []
        if not self.tok.is_op(")"):
            while True:
                nt = self.expect_name("a parameter name")
                params.append(N.Param(nt.text, self.opt_units(), loc=nt.loc))
                if not self.accept_op(","):
                    break
        self.expect_op(")")
        return params

    def parse_callable(self) -> N.Callable:
        t = self.next()
        kind = t.text
        if kind == "NET_RECEIVE":
            params = self.parse_params()
            return N.Callable(kind, "NET_RECEIVE", params, body=self.parse_block(), loc=t.loc)
        name = self.expect_name("a name for the " + kind).text
        c = N.Callable(kind, name, loc=t.loc)
        if kind in ("PROCEDURE", "FUNCTION", "FUNCTION_TABLE"):
            c.params = self.parse_params()
            if kind != "PROCEDURE" and self.tok.is_op("("):
                c.unit = self.units()
            if kind == "FUNCTION_TABLE":
                return c
        if kind in ("KINETIC", "LINEAR", "NONLINEAR") and self.accept_name("SOLVEFOR"):
            c.solvefor = self.name_list()
        c.body = self.parse_block()
        return c

    # ------------------------------------------------------------------ statements

    def parse_block(self) -> N.Block:
        t = self.expect_op("{")
        stmts: List[N.Stmt] = []
        while not self.tok.is_op("}"):
            if self.tok.kind == EOF:
                raise self.error("missing '}' (block opened at line %d)" % t.loc.line)
            s = self.parse_stmt()
            if s is not None:
                stmts.append(s)
        self.expect_op("}")
        return N.Block(stmts, loc=t.loc)

    def parse_stmt(self) -> Optional[N.Stmt]:
        t = self.tok
        if t.kind == VERBATIM:
            self.next()
            return N.Verbatim(t.text, loc=t.loc)
        if t.is_op("{"):
            return self.parse_block()
        if t.is_op("~"):
            return self.parse_tilde()
        if t.kind != NAME:
            raise self.error("expected a statement but found %s" % t.describe())
        w = t.text
        handler = _STMT_KEYWORDS.get(w)
        if handler is not None:
            return handler(self)
        if w in ("UNITSON", "UNITSOFF"):
            self.next()
            return None
        if w in _UNSUPPORTED_STMT:
            raise UnsupportedError(w, t.loc)
        if w in ("else", "ELSE"):
            raise self.error("'else' without 'if'")
        if w in _CALLABLES or w in _DECL_BLOCKS or w in ("NEURON", "UNITS", "BREAKPOINT"):
            raise self.error("%s block inside another block (missing '}'?)" % w)
        # assignment or call
        nt = self.next()
        if self.tok.is_op("("):
            call = self.parse_call_rest(nt)
            return N.ExprStmt(call, loc=nt.loc)
        target = self.parse_lvalue_rest(nt)
        if not self.tok.is_op("="):
            raise self.error("expected '=' after %s but found %s" % (nt.text, self.tok.describe()))
        self.next()
        return N.Assign(target, self.parse_expr(), loc=nt.loc)

    def parse_lvalue_rest(self, nt: Token):
        index = None
        if self.accept_op("["):
            index = self.parse_expr()
            self.expect_op("]")
        if self.tok.is_op("'"):
            order = 0
            while self.accept_op("'"):
                order += 1
            if index is None and self.accept_op("["):   # y'[i] form
                index = self.parse_expr()
                self.expect_op("]")
            return N.Prime(nt.text, order, index, loc=nt.loc)
        return N.Var(nt.text, index, loc=nt.loc)

    def parse_local_decl(self) -> N.LocalDecl:
        t = self.next()
        names = []
        while True:
            nt = self.expect_name("a LOCAL name")
            names.append((nt.text, self._opt_size()))
            if not self.accept_op(","):
                break
        return N.LocalDecl(names, loc=t.loc)

    def parse_if(self) -> N.If:
        t = self.next()
        self.expect_op("(", " after if")
        cond = self.parse_expr()
        self.expect_op(")", " closing the if condition")
        body = self.parse_block()
        orelse = None
        if self.tok.is_name("else") or self.tok.is_name("ELSE"):
            self.next()
            if self.tok.is_name("if") or self.tok.is_name("IF"):
                orelse = self.parse_if()
            else:
                orelse = self.parse_block()
        return N.If(cond, body, orelse, loc=t.loc)

    def parse_while(self) -> N.While:
        t = self.next()
        self.expect_op("(", " after while")
        cond = self.parse_expr()
        self.expect_op(")")
        return N.While(cond, self.parse_block(), loc=t.loc)

    def parse_from(self) -> N.FromTo:
        t = self.next()
        var = self.expect_name("a loop variable").text
        self.expect_op("=")
        start = self.parse_expr()
        if not self.accept_name("TO"):
            raise self.error("expected TO in FROM loop")
        stop = self.parse_expr()
        step = self.parse_expr() if self.accept_name("BY") else None
        return N.FromTo(var, start, stop, step, self.parse_block(), loc=t.loc)

    def parse_solve(self) -> N.Solve:
        t = self.next()
        s = N.Solve(self.expect_name("a block name after SOLVE").text, loc=t.loc)
        if self.accept_name("METHOD"):
            s.method = self.expect_name("a method name").text
        elif self.accept_name("STEADYSTATE"):
            s.steadystate = self.expect_name("a method name").text
        if self.tok.is_name("IFERROR"):
            self.next()
            s.iferror = self.parse_block()
        return s

    def parse_table(self) -> N.Table:
        t = self.next()
        names: List[str] = []
        if self.tok.kind == NAME and self.tok.text not in ("DEPEND", "FROM"):
            names = self.name_list()
        depend: List[str] = []
        if self.accept_name("DEPEND"):
            depend = self.name_list()
        if not self.accept_name("FROM"):
            raise self.error("expected FROM in TABLE statement")
        lo = self.parse_expr()
        if not self.accept_name("TO"):
            raise self.error("expected TO in TABLE statement")
        hi = self.parse_expr()
        if not self.accept_name("WITH"):
            raise self.error("expected WITH in TABLE statement")
        n = self.parse_expr()
        return N.Table(names, depend, lo, hi, n, loc=t.loc)

    def parse_terms(self) -> List[N.Term]:
        terms = [self.parse_term()]
        while self.tok.is_op("+"):
            self.next()
            terms.append(self.parse_term())
        return terms

    def parse_term(self) -> N.Term:
        t = self.tok
        coef = 1
        if t.kind == NUMBER and t.is_int:
            coef = int(self.next().text)
            self.accept_op("*")
        nt = self.expect_name("a species name")
        index = None
        if self.accept_op("["):
            index = self.parse_expr()
            self.expect_op("]")
        return N.Term(nt.text, index, coef, loc=nt.loc)

    def parse_tilde(self) -> N.Stmt:
        t = self.next()
        save = self.i
        try:
            lhs = self.parse_terms()
            ok = (self.tok.is_op("<->") or self.tok.is_op("<<")
                  or (self.tok.is_op("-") and self.peek().is_op(">")))
        except NmodlError:
            ok = False
        if not ok:
            self.i = save
            left = self.parse_expr()
            self.expect_op("=", " in equation")
            return N.Equation(left, self.parse_expr(), loc=t.loc)
        if self.accept_op("<->"):
            rhs = self.parse_terms()
            self.expect_op("(", " before the rate constants")
            kf = self.parse_expr()
            self.expect_op(",", " between the rate constants")
            kb = self.parse_expr()
            self.expect_op(")")
            return N.Reaction(lhs, "<->", rhs, kf, kb, loc=t.loc)
        if self.accept_op("<<"):
            self.expect_op("(")
            flux = self.parse_expr()
            self.expect_op(")")
            return N.Reaction(lhs, "<<", [], None, flux, loc=t.loc)
        self.next()
        self.next()  # '-' '>'
        self.expect_op("(")
        k = self.parse_expr()
        self.expect_op(")")
        return N.Reaction(lhs, "->", [], k, None, loc=t.loc)

    def parse_conserve(self) -> N.Conserve:
        t = self.next()
        terms = self.parse_terms()
        self.expect_op("=", " in CONSERVE")
        return N.Conserve(terms, self.parse_expr(), loc=t.loc)

    def parse_compartment(self) -> N.Stmt:
        t = self.next()
        index = None
        if self.tok.kind == NAME and self.peek().is_op(","):
            index = self.next().text
            self.next()
        expr = self.parse_expr()
        self.expect_op("{")
        names = []
        while not self.tok.is_op("}"):
            names.append(self.expect_name("a state name").text)
            self.accept_op(",")
        self.expect_op("}")
        cls = N.Compartment if t.text == "COMPARTMENT" else N.LongDiffusion
        return cls(index, expr, names, loc=t.loc)

    def parse_watch(self) -> N.Watch:
        t = self.next()
        items = []
        while True:
            wt = self.expect_op("(", " after WATCH")
            cond = self.parse_expr()
            self.expect_op(")")
            flag = self.parse_expr()
            if not (isinstance(cond, N.BinOp) and cond.op in ("<", ">", "<=", ">=")):
                raise NmodlError("WATCH condition must be a comparison with < or >", wt.loc)
            items.append(N.WatchItem(cond, flag, loc=wt.loc))
            if not self.accept_op(","):
                break
        return N.Watch(items, loc=t.loc)

    def parse_for_netcons(self) -> N.ForNetcons:
        t = self.next()
        self.expect_op("(")
        params = []
        if not self.tok.is_op(")"):
            while True:
                params.append(self.expect_name().text)
                self.opt_units()
                if not self.accept_op(","):
                    break
        self.expect_op(")")
        return N.ForNetcons(params, self.parse_block(), loc=t.loc)

    def parse_protect(self) -> N.Protect:
        t = self.next()
        s = self.parse_stmt()
        return N.Protect(s, loc=t.loc)

    def parse_mutex(self) -> N.Mutex:
        t = self.next()
        return N.Mutex(t.text == "MUTEXLOCK", loc=t.loc)

    def parse_conductance(self) -> N.Conductance:
        t = self.next()
        name = self.expect_name().text
        ion = None
        if self.accept_name("USEION"):
            ion = self.expect_name().text
        return N.Conductance(name, ion, loc=t.loc)

    def parse_lag(self) -> N.Lag:
        t = self.next()
        name = self.expect_name().text
        if not self.accept_name("BY"):
            raise self.error("expected BY in LAG statement")
        return N.Lag(name, self.parse_expr(), loc=t.loc)

    def parse_initial_stmt(self) -> N.InitialStmt:
        t = self.next()
        return N.InitialStmt(self.parse_block(), loc=t.loc)

    # ------------------------------------------------------------------ expressions

    def parse_expr(self, level: int = 0) -> N.Expr:
        if level == len(_BINARY_LEVELS):
            return self.parse_unary()
        left = self.parse_expr(level + 1)
        ops = _BINARY_LEVELS[level]
        while self.tok.kind == OP and self.tok.text in ops:
            # '-' followed by '>' ends a reaction side, never an operator
            if self.tok.text == "-" and self.peek().is_op(">"):
                break
            t = self.next()
            right = self.parse_expr(level + 1)
            left = N.BinOp(t.text, left, right, loc=t.loc)
        return left

    def parse_unary(self) -> N.Expr:
        t = self.tok
        if t.is_op("-") or t.is_op("!"):
            self.next()
            return N.UnaryOp(t.text, self.parse_unary(), loc=t.loc)
        if t.is_op("+"):
            self.next()
            return self.parse_unary()
        return self.parse_power()

    def parse_power(self) -> N.Expr:
        base = self.parse_primary()
        if self.tok.is_op("^"):
            t = self.next()
            exponent = self.parse_unary()  # right associative, may be negated
            return N.BinOp("^", base, exponent, loc=t.loc)
        return base

    def parse_primary(self) -> N.Expr:
        t = self.tok
        if t.kind == NUMBER:
            self.next()
            unit = self.units() if self.tok.is_op("(") else None
            return N.Num(float(t.text), t.text, unit, loc=t.loc)
        if t.kind == NAME:
            self.next()
            if self.tok.is_op("("):
                return self.parse_call_rest(t)
            if self.accept_op("@"):
                return self.parse_past_value(t)
            return self.parse_lvalue_rest(t)
        if t.is_op("("):
            self.next()
            e = self.parse_expr()
            self.expect_op(")")
            return N.Paren(e, loc=t.loc)
        if t.kind == STRING:
            self.next()
            return N.Str(t.text, loc=t.loc)
        if t.kind == OTHER:
            raise self.error("unexpected character '%s'" % t.text)
        raise self.error("expected an expression but found %s" % t.describe())

    def parse_past_value(self, nt: Token) -> N.PastValue:
        k = self.tok
        if k.kind != NUMBER or not k.text.isdigit():
            raise self.error("expected an integer after '@' but found %s" % k.describe())
        self.next()
        index = None
        if self.accept_op("["):
            index = self.parse_expr()
            self.expect_op("]")
        return N.PastValue(nt.text, int(k.text), index, loc=nt.loc)

    def parse_call_rest(self, nt: Token) -> N.Call:
        self.expect_op("(")
        args: List[N.Expr] = []
        if not self.tok.is_op(")"):
            while True:
                args.append(self.parse_expr())
                if not self.accept_op(","):
                    break
        self.expect_op(")", " closing the argument list of %s" % nt.text)
        return N.Call(nt.text, args, loc=nt.loc)


_STMT_KEYWORDS: dict = {
    "LOCAL": Parser.parse_local_decl,
    "if": Parser.parse_if,
    "IF": Parser.parse_if,
    "while": Parser.parse_while,
    "WHILE": Parser.parse_while,
    "FROM": Parser.parse_from,
    "SOLVE": Parser.parse_solve,
    "TABLE": Parser.parse_table,
    "CONSERVE": Parser.parse_conserve,
    "COMPARTMENT": Parser.parse_compartment,
    "LONGITUDINAL_DIFFUSION": Parser.parse_compartment,
    "WATCH": Parser.parse_watch,
    "FOR_NETCONS": Parser.parse_for_netcons,
    "PROTECT": Parser.parse_protect,
    "MUTEXLOCK": Parser.parse_mutex,
    "MUTEXUNLOCK": Parser.parse_mutex,
    "CONDUCTANCE": Parser.parse_conductance,
    "LAG": Parser.parse_lag,
    "INITIAL": Parser.parse_initial_stmt,
}


def parse_file(path: str, include_dirs: Optional[List[str]] = None) -> N.Program:
    return Parser(SourceFile.read(path), include_dirs).parse_program()


def parse_text(text: str, path: str = "<string>") -> N.Program:
    return Parser(SourceFile(path, text)).parse_program()


def parse_expression_text(text: str) -> N.Expr:
    """Parse one expression (used by passes that splice generated text, as nocmodl does)."""
    p = Parser(SourceFile("<generated>", text))
    e = p.parse_expr()
    if p.tok.kind != EOF:
        raise p.error("unexpected %s after expression" % p.tok.describe())
    return e
