"""Whether NEURON would run the mechanism's instances on several threads (nocmodl's
`vectorize`); metadata `thread_safe` and `thread_unsafe` (the reasons, in nocmodl's words).

As nocmodl decides (checked with NEURON 9.0.2's):
* DISCRETE, LINEAR and NONLINEAR blocks are never thread safe (one history, one matrix per
  mechanism), THREADSAFE or not;
* VERBATIM code, POINTER, BBCOREPOINTER and EXTERNAL declarations and the legacy random
  functions (normrand, exprand, poisrand, scop_random, set_seed) are not thread safe unless
  THREADSAFE came before them in the file (nocmodl judges them as it reads them);
* assigning a variable declared GLOBAL (outside a LOCAL or argument of that name) is not
  thread safe unless THREADSAFE appears anywhere (then assigned GLOBALs are per thread).
The engine refuses, as NEURON does, to run a mechanism that is not thread safe when its
instances are in more than one thread.
"""
from __future__ import annotations

from typing import List, Set

from .. import nodes as N

_ALWAYS = ("DISCRETE", "LINEAR", "NONLINEAR")
_DECLS = ("POINTER", "BBCOREPOINTER", "EXTERNAL")
_RANDOM = ("normrand", "exprand", "poisrand", "scop_random", "set_seed")


def _assigned_globals(block: N.Node, shadow: Set[str], globals_: Set[str], out: List[str]) -> None:
    local = set(shadow)
    for n in block.walk():
        if isinstance(n, N.LocalDecl):
            local.update(name for name, _ in n.names)
    for n in block.walk():
        if isinstance(n, N.Assign) and isinstance(n.target, N.Var):
            name = n.target.name
            if name in globals_ and name not in local and name not in out:
                out.append(name)


def unsafe_reasons(program: N.Program, global_names: List[str]) -> List[str]:
    """Why the mechanism is not thread safe (empty: it is)."""
    reasons: List[str] = []

    def add(msg: str) -> None:
        if msg not in reasons:
            reasons.append(msg)

    threadsafe = False
    for n in program.walk():
        if isinstance(n, N.NameList) and n.keyword == "THREADSAFE":
            threadsafe = True
        elif isinstance(n, N.Callable) and n.kind in _ALWAYS:
            add("%s is not thread safe." % n.kind)
        elif threadsafe:
            continue
        elif isinstance(n, (N.Verbatim, N.VerbatimTop)):
            add("VERBATIM blocks are not thread safe")
        elif isinstance(n, N.NameList) and n.keyword in _DECLS and n.names:
            add("Use of %s is not thread safe." % n.keyword)
        elif isinstance(n, N.Call) and n.name in _RANDOM:
            add("%s is not thread safe" % n.name)
    if not threadsafe and global_names:
        assigned: List[str] = []
        gset = set(global_names)
        for it in program.walk():
            if isinstance(it, N.Callable) and it.body is not None:
                _assigned_globals(it.body, {p.name for p in it.params}, gset, assigned)
            elif isinstance(it, N.CodeBlock):
                _assigned_globals(it.body, set(), gset, assigned)
        for name in assigned:
            add('Assignment to the GLOBAL variable, "%s", is not thread safe' % name)
    return reasons
