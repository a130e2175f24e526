"""What a .mod file declares, after semantic analysis: the mechanism, its symbols and
where each variable lives at run time (a column of the instance data, an entry of the
GLOBAL array, a pointer slot, the simulation context, or a compile-time constant)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .. import nodes as N
from ..source import Loc

# Variables the simulator provides (NEURON's special names).
SPECIAL = ("v", "t", "dt", "celsius", "area", "diam", "secondorder")

# storage classes (EXTERN: a GLOBAL of another mechanism, named by an EXTERNAL statement)
COLUMN, GLOBAL, SLOT, CTX, CONST, LOCALVAR, FILELOCAL, EXTERN, NONE = (
    "column", "global", "slot", "ctx", "const", "local", "filelocal", "extern", "none")


@dataclass
class Symbol:
    name: str
    kind: str                 # parameter assigned state dstate constant unitconst special
    #                           pointer bbcorepointer random function procedure derivative
    #                           kinetic linear nonlinear function_table
    storage: str = NONE
    size: Optional[int] = None
    unit: Optional[str] = None
    default: float = 0.0
    limits: Optional[List[float]] = None
    range: bool = False       # visible per instance (seg.mech.name)
    is_global: bool = False   # in the exported GLOBAL array (h.name_suffix)
    col: int = -1
    gindex: int = -1
    slot: int = -1
    value: Optional[float] = None   # for CONST
    ion: Optional[str] = None       # ion variable: which ion
    ion_var: Optional[str] = None   # e | ci | co | cur
    node: Optional[N.Node] = None   # declaration
    loc: Optional[Loc] = None
    assigned_in_code: bool = False

    @property
    def is_array(self) -> bool:
        return self.size is not None


@dataclass
class IonUse:
    name: str
    read: List[str] = field(default_factory=list)
    write: List[str] = field(default_factory=list)
    valence: Optional[float] = None
    loc: Optional[Loc] = None

    def var_kind(self, var: str) -> Optional[str]:
        """e | ci | co | cur for a variable name of this ion, else None."""
        ion = self.name
        if var == "e" + ion:
            return "e"
        if var == ion + "i":
            return "ci"
        if var == ion + "o":
            return "co"
        if var == "i" + ion:
            return "cur"
        return None

    @property
    def writes_conc(self) -> bool:
        return any(self.var_kind(v) in ("ci", "co") for v in self.write)

    @property
    def writes_cur(self) -> List[str]:
        return [v for v in self.write if self.var_kind(v) == "cur"]


@dataclass
class Slot:
    name: str
    kind: str                 # ion | pointer | bbcorepointer | random
    ion: str = ""
    var: str = ""             # e | ci | co | cur | dcurdv | style


@dataclass
class Model:
    """Everything later passes and the code generator need to know about one .mod file."""

    program: N.Program
    file: str
    name: str = ""
    kind: str = "density"     # density | point | artificial
    suffix: str = ""
    title: str = ""
    ions: List[IonUse] = field(default_factory=list)
    nonspecific: List[str] = field(default_factory=list)
    electrode: List[str] = field(default_factory=list)
    range_names: List[str] = field(default_factory=list)
    global_names: List[str] = field(default_factory=list)
    pointers: List[str] = field(default_factory=list)
    bbcorepointers: List[str] = field(default_factory=list)
    externals: List[str] = field(default_factory=list)
    randoms: List[str] = field(default_factory=list)
    threadsafe: bool = False      # the THREADSAFE keyword
    thread_unsafe: List[str] = field(default_factory=list)   # sema/threadsafe.py
    symbols: Dict[str, Symbol] = field(default_factory=dict)
    columns: List[Symbol] = field(default_factory=list)     # in column order
    globals: List[Symbol] = field(default_factory=list)     # in GLOBAL-array order
    slots: List[Slot] = field(default_factory=list)
    ncol: int = 0
    nglobal: int = 0
    # blocks by name
    callables: Dict[str, N.Callable] = field(default_factory=dict)
    initial: Optional[N.CodeBlock] = None
    breakpoint: Optional[N.CodeBlock] = None
    constructor: Optional[N.CodeBlock] = None
    destructor: Optional[N.CodeBlock] = None
    net_receive: Optional[N.Callable] = None
    before_after: List[N.CodeBlock] = field(default_factory=list)
    verbatim_top: List[N.VerbatimTop] = field(default_factory=list)
    file_locals: List[tuple] = field(default_factory=list)
    lag_names: List[str] = field(default_factory=list)      # LAG's lag_x_tau (file locals)
    function_tables: List[N.Callable] = field(default_factory=list)
    # filled by later passes
    watch_count: int = 0
    tables: List[str] = field(default_factory=list)
    solve_blocks: List[str] = field(default_factory=list)
    state_solvers: List[N.Stmt] = field(default_factory=list)   # lowered SOLVEs of BREAKPOINT
    cvode_ok: bool = True
    solve_map: dict = field(default_factory=dict)   # id(Solve node) -> solvers.Lowered
    ode: Optional[tuple] = None                     # (spec body, matsol body, states, dstates)
    ode_kinetic: bool = False                       # the ODE block is a KINETIC scheme
    ode_synonyms: List[N.Assign] = field(default_factory=list)   # see solvers._ion_synonyms
    discrete_history: Dict[str, tuple] = field(default_factory=dict)  # STATE -> (depth, size)
    ldifus: list = field(default_factory=list)      # solvers.ldifus.LDifus entries

    @property
    def is_point(self) -> bool:
        return self.kind in ("point", "artificial")

    def ion_of(self, var: str) -> Optional[IonUse]:
        for ion in self.ions:
            if ion.var_kind(var) is not None and (var in ion.read or var in ion.write):
                return ion
        return None

    def states(self) -> List[Symbol]:
        return [s for s in self.columns if s.kind == "state"]
