"""The whole extension contract of the `neuron` package: every hook a plugin may implement.

Plugins are modules registered under the entry-point group ``neuron`` (first-party components
use the same group).  Each hook takes a ``register`` callback where several plugins contribute,
so the meta package never imports a component by name.
"""
from __future__ import annotations

from typing import Callable, List, Optional

import pluggy

hookspec = pluggy.HookspecMarker("neuron")


@hookspec
def neuron_register_mechanisms(register: Callable[..., None]) -> None:
    """Fires once during ``import neuron``.

    Call ``register(package_name, mod_files)`` with the .mod files a package ships; they are
    compiled once (cached by content and compiler) and loaded before user code runs.  A
    model's own .mod file defining a mechanism of the same name replaces the package's (as
    long as it has not been used yet); ``register(..., builtin=True)`` marks mechanisms that
    NEURON builds in, which a model file cannot define again.
    """


@hookspec(firstresult=True)
def neuron_compile_mechanisms(mod_files: List[str], output_dir: Optional[str]) -> Optional[str]:
    """Fires when registered .mod files must be turned into a loadable library.

    Return the path of the built library (``output_dir`` None means a per-user cache).
    """


@hookspec(firstresult=True)
def neuron_make_interpreter() -> object:
    """Fires on the first access to ``neuron.h``; return the HOC top-level object."""


@hookspec
def neuron_register_submodules(register: Callable[[str, str], None]) -> None:
    """Fires during ``import neuron``: ``register("rxd", "neuron_rxd")`` makes ``neuron.rxd``
    (and ``from neuron import rxd``) import module ``neuron_rxd`` lazily."""


@hookspec
def neuron_register_commands(register: Callable[[str, Callable[[List[str]], int]], None]) -> None:
    """Fires when a console command runs: ``register("nrnivmodl", main)`` where ``main(argv)``
    returns the exit status."""


@hookspec
def neuron_register_hoc_library(register: Callable[[str], None]) -> None:
    """Fires when the HOC interpreter starts: ``register(folder)`` adds a folder searched by
    ``load_file`` after the working directory and ``$HOC_LIBRARY_PATH``."""


@hookspec
def neuron_register_tests(register: Callable[[str, str], None]) -> None:
    """Fires in ``neuron.test()`` / ``neuron.test_rxd()``: ``register(suite, folder)`` where suite
    is ``"core"`` (run by test()) or ``"rxd"`` (run by test_rxd())."""


@hookspec
def neuron_register_api(register: Callable[[str, object], None]) -> None:
    """Fires on first access to an unknown ``neuron.<name>``: ``register(name, obj)`` adds a public
    name to the ``neuron`` module (e.g. ``hclass`` from the HOC interpreter)."""
