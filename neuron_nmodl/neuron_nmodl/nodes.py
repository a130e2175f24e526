"""The NMODL syntax tree: slotted dataclasses, printable back to NMODL (see printer.py).

Every node has a keyword-only `loc` (ignored by ==), so two trees compare equal when they
mean the same program wherever they came from.  Solver passes add the "lowered" statement
nodes at the end of this module; they print as pseudo-NMODL so the tree can be shown after
any pass.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Iterator, List, Optional, Tuple, Union

from .source import Loc


def _loc():
    return field(default=None, kw_only=True, compare=False, repr=False)


@dataclass(slots=True)
class Node:
    loc: Optional[Loc] = _loc()

    def children(self) -> Iterator["Node"]:
        for f in fields(self):
            if f.name == "loc":
                continue
            v = getattr(self, f.name)
            if isinstance(v, Node):
                yield v
            elif isinstance(v, (list, tuple)):
                for x in v:
                    if isinstance(x, Node):
                        yield x
                    elif isinstance(x, (list, tuple)):
                        for y in x:
                            if isinstance(y, Node):
                                yield y

    def walk(self) -> Iterator["Node"]:
        """This node and all nodes below it, parents first."""
        stack = [self]
        while stack:
            n = stack.pop()
            yield n
            stack.extend(reversed(list(n.children())))


# ----------------------------------------------------------------------------- expressions

class Expr(Node):
    __slots__ = ()


@dataclass(slots=True)
class Num(Expr):
    value: float
    text: str = ""          # as written (kept for printing); "" = format value
    unit: Optional[str] = None


@dataclass(slots=True)
class Str(Expr):
    value: str


@dataclass(slots=True)
class Var(Expr):
    name: str
    index: Optional[Expr] = None


@dataclass(slots=True)
class PastValue(Expr):
    """`name@k` (or `name@k[i]`) in a DISCRETE block: the STATE's value k steps back."""
    name: str
    lag: int
    index: Optional[Expr] = None


@dataclass(slots=True)
class Prime(Expr):
    """`name'` (order 1) as the target of a DERIVATIVE equation."""
    name: str
    order: int = 1
    index: Optional[Expr] = None


@dataclass(slots=True)
class Call(Expr):
    name: str
    args: List[Expr] = field(default_factory=list)


@dataclass(slots=True)
class BinOp(Expr):
    op: str   # + - * / ^ % < <= > >= == != && ||
    left: Expr
    right: Expr


@dataclass(slots=True)
class UnaryOp(Expr):
    op: str   # - !
    operand: Expr


@dataclass(slots=True)
class Paren(Expr):
    """Explicit parentheses (kept because they fix evaluation order in generated C)."""
    expr: Expr


# ----------------------------------------------------------------------------- statements

class Stmt(Node):
    __slots__ = ()


@dataclass(slots=True)
class Block(Stmt):
    stmts: List[Stmt] = field(default_factory=list)


@dataclass(slots=True)
class Assign(Stmt):
    target: Union[Var, Prime]
    value: Expr


@dataclass(slots=True)
class ExprStmt(Stmt):
    expr: Expr


@dataclass(slots=True)
class LocalDecl(Stmt):
    names: List[Tuple[str, Optional[int]]]  # (name, array size or None)


@dataclass(slots=True)
class If(Stmt):
    cond: Expr
    body: Block
    orelse: Optional[Stmt] = None   # Block or If


@dataclass(slots=True)
class While(Stmt):
    cond: Expr
    body: Block


@dataclass(slots=True)
class FromTo(Stmt):
    var: str
    start: Expr
    stop: Expr
    step: Optional[Expr]
    body: Block


@dataclass(slots=True)
class Solve(Stmt):
    name: str
    method: Optional[str] = None
    steadystate: Optional[str] = None
    iferror: Optional[Block] = None


@dataclass(slots=True)
class Term(Node):
    """One species of a reaction side or CONSERVE sum: `coef*name[index]`."""
    name: str
    index: Optional[Expr] = None
    coef: int = 1


@dataclass(slots=True)
class Reaction(Stmt):
    """`~ lhs <-> rhs (kf, kb)`, `~ lhs -> (kf)` or `~ lhs << (flux)`."""
    lhs: List[Term]
    op: str
    rhs: List[Term]
    kf: Optional[Expr]
    kb: Optional[Expr]


@dataclass(slots=True)
class Equation(Stmt):
    """`~ lhs = rhs` in LINEAR / NONLINEAR (and mixed DERIVATIVE) blocks."""
    lhs: Expr
    rhs: Expr


@dataclass(slots=True)
class Conserve(Stmt):
    terms: List[Term]
    total: Expr


@dataclass(slots=True)
class Compartment(Stmt):
    index: Optional[str]
    volume: Expr
    names: List[str]


@dataclass(slots=True)
class LongDiffusion(Stmt):
    index: Optional[str]
    flux: Expr
    names: List[str]


@dataclass(slots=True)
class Table(Stmt):
    names: List[str]
    depend: List[str]
    lo: Expr
    hi: Expr
    n: Expr


@dataclass(slots=True)
class Verbatim(Stmt):
    text: str


@dataclass(slots=True)
class WatchItem(Node):
    cond: Expr      # a comparison
    flag: Expr


@dataclass(slots=True)
class Watch(Stmt):
    items: List[WatchItem]


@dataclass(slots=True)
class ForNetcons(Stmt):
    params: List[str]
    body: Block


@dataclass(slots=True)
class Protect(Stmt):
    stmt: Stmt


@dataclass(slots=True)
class Mutex(Stmt):
    lock: bool


@dataclass(slots=True)
class Conductance(Stmt):
    name: str
    ion: Optional[str] = None


@dataclass(slots=True)
class Lag(Stmt):
    name: str
    by: Expr


@dataclass(slots=True)
class InitialStmt(Stmt):
    """The INITIAL block nested in NET_RECEIVE."""
    body: Block


# ----------------------------------------------------------------------------- declarations

@dataclass(slots=True)
class Limits(Node):
    lo: float
    hi: float


@dataclass(slots=True)
class ParamDecl(Node):
    name: str
    size: Optional[int] = None
    value: Optional[Num] = None
    unit: Optional[str] = None
    limits: Optional[Limits] = None


@dataclass(slots=True)
class VarDecl(Node):
    """ASSIGNED / STATE item: `name[size] (unit) FROM a TO b <tol>`."""
    name: str
    size: Optional[int] = None
    unit: Optional[str] = None
    from_to: Optional[Tuple[float, float]] = None
    tolerance: Optional[float] = None


@dataclass(slots=True)
class UnitDef(Node):
    """`(name) = (definition)` in UNITS."""
    name: str
    definition: str


@dataclass(slots=True)
class UnitFactor(Node):
    """`NAME = (u1) (u2)`, `NAME = (u1) -> (u2)` or `NAME = number (unit)` in UNITS."""
    name: str
    unit1: Optional[str]
    unit2: Optional[str]
    value: Optional[Num] = None
    arrow: bool = False


# NEURON block statements
@dataclass(slots=True)
class Suffix(Node):
    kind: str   # SUFFIX | POINT_PROCESS | ARTIFICIAL_CELL
    name: str


@dataclass(slots=True)
class UseIon(Node):
    ion: str
    read: List[str] = field(default_factory=list)
    write: List[str] = field(default_factory=list)
    valence: Optional[float] = None
    represents: Optional[str] = None


@dataclass(slots=True)
class NameList(Node):
    """RANGE, GLOBAL, NONSPECIFIC_CURRENT, ELECTRODE_CURRENT, POINTER, BBCOREPOINTER,
    EXTERNAL, THREADSAFE, RANDOM, REPRESENTS."""
    keyword: str
    names: List[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- top level

class TopBlock(Node):
    __slots__ = ()


@dataclass(slots=True)
class Title(TopBlock):
    text: str


@dataclass(slots=True)
class Define(TopBlock):
    name: str
    value: int


@dataclass(slots=True)
class Include(TopBlock):
    filename: str
    items: List[TopBlock] = field(default_factory=list)


@dataclass(slots=True)
class UnitsBlock(TopBlock):
    items: List[Node] = field(default_factory=list)


@dataclass(slots=True)
class NeuronBlock(TopBlock):
    items: List[Node] = field(default_factory=list)


@dataclass(slots=True)
class DeclBlock(TopBlock):
    """PARAMETER, ASSIGNED, STATE, CONSTANT, INDEPENDENT (items ParamDecl or VarDecl)."""
    kind: str
    items: List[Node] = field(default_factory=list)


@dataclass(slots=True)
class Param(Node):
    name: str
    unit: Optional[str] = None


@dataclass(slots=True)
class CodeBlock(TopBlock):
    """INITIAL, BREAKPOINT, CONSTRUCTOR, DESTRUCTOR, BEFORE x, AFTER x."""
    kind: str
    body: Block
    when: Optional[str] = None   # for BEFORE/AFTER: INITIAL, BREAKPOINT, SOLVE, STEP


@dataclass(slots=True)
class Callable(TopBlock):
    """PROCEDURE, FUNCTION, DERIVATIVE, KINETIC, LINEAR, NONLINEAR, DISCRETE, NET_RECEIVE,
    FUNCTION_TABLE (body None)."""
    kind: str
    name: str
    params: List[Param] = field(default_factory=list)
    unit: Optional[str] = None
    body: Optional[Block] = None
    solvefor: List[str] = field(default_factory=list)


@dataclass(slots=True)
class VerbatimTop(TopBlock):
    text: str


@dataclass(slots=True)
class Program(Node):
    items: List[TopBlock] = field(default_factory=list)
    path: str = field(default="", compare=False)


# ----------------------------------------------------------------------------- lowered forms
# Produced by the solver passes; they have no NMODL surface syntax and print as pseudo-code.

@dataclass(slots=True)
class NewtonSolve(Stmt):
    """derivimplicit / NONLINEAR: solve F(x) = 0 for `states` by Newton's method, where
    `body` assigns the residuals `_resid[k]`.  For derivimplicit `dstates` are the
    derivative columns and residual k is D_k - (x_k - x_k(saved))/dt."""
    states: List[Var]
    body: Block
    kind: str = "newton"   # derivimplicit | newton
    dstates: List[Var] = field(default_factory=list)
    nderiv: int = 0        # how many of `states` have derivative equations


@dataclass(slots=True)
class CnexpUpdate(Stmt):
    """cnexp's update of one state (nocmodl's form):
    x = x + (1 - exp(arg))*(goal - x), or x = x + (1 - exp(arg))*( - x) when goal is None;
    with arg None (no dependence on x): x = x - dt*(-(euler))."""
    target: Var
    arg: Optional[Expr] = None
    goal: Optional[Expr] = None
    euler: Optional[Expr] = None

    def as_assign(self) -> "Assign":
        x = self.target
        if self.arg is None:
            step = BinOp("*", Var("dt"), Paren(UnaryOp("-", Paren(self.euler))))
            return Assign(x, BinOp("-", x, step), loc=self.loc)
        factor = Paren(BinOp("-", Num(1.0, "1."), Call("exp", [self.arg])))
        inner = Paren(UnaryOp("-", x)) if self.goal is None else Paren(BinOp("-", self.goal, x))
        return Assign(x, BinOp("+", x, BinOp("*", factor, inner)), loc=self.loc)


@dataclass(slots=True)
class Residual(Stmt):
    k: int
    value: Expr


@dataclass(slots=True)
class SparseSolve(Stmt):
    """KINETIC with METHOD sparse (or STEADYSTATE sparse): backward Euler with a Newton loop
    over the matrix built by `body` (MatElm/RhsElm statements)."""
    states: List[Var]
    dstates: List[Var]
    body: Block
    linear: bool = True
    steadystate: bool = False


@dataclass(slots=True)
class MatElm(Stmt):
    row: Expr
    col: Expr
    op: str       # "+=", "-=", "=", "*="
    value: Expr


@dataclass(slots=True)
class RhsElm(Stmt):
    row: Expr
    op: str
    value: Expr


@dataclass(slots=True)
class LinearSolve(Stmt):
    """LINEAR: one dense solve of the equations assembled by `body` into MatElm/RhsElm."""
    states: List[Var]
    body: Block


@dataclass(slots=True)
class RungeKutta(Stmt):
    """METHOD runge: classical 4th order step; `body` assigns the derivative columns."""
    states: List[Var]
    dstates: List[Var]
    body: Block


@dataclass(slots=True)
class TableLookup(Stmt):
    """Replacement body of a FUNCTION/PROCEDURE with a TABLE (see solvers/table.py)."""
    func: str
    names: List[str]
    depend: List[str]
    lo: Expr
    hi: Expr
    n: int
    arg: str
    is_function: bool


@dataclass(slots=True)
class ReturnValue(Stmt):
    """Leave the current FUNCTION/PROCEDURE (functions return their result variable)."""
    pass
