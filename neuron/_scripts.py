"""Console commands (nrnivmodl, nrniv, nrngui, mknrndll): dispatched to the component that
registered the command through the plugin system."""
from __future__ import annotations

import os
import sys
from typing import Callable, Dict, List


def _commands() -> Dict[str, Callable[[List[str]], int]]:
    from . import _plugins
    cmds: Dict[str, Callable[[List[str]], int]] = {}
    _plugins.get_plugin_manager().hook.neuron_register_commands(
        register=lambda name, fn: cmds.__setitem__(name, fn))
    return cmds


def _dispatch(name: str) -> None:
    fn = _commands().get(name)
    if fn is None:
        sys.stderr.write("%s: no installed component provides this command\n" % name)
        sys.exit(2)
    sys.exit(int(fn(sys.argv[1:]) or 0))


def nrnivmodl() -> None:
    _dispatch(os.path.basename(sys.argv[0]) if os.path.basename(sys.argv[0]) == "mknrndll" else "nrnivmodl")


def nrniv() -> None:
    _dispatch("nrniv")


def nrngui() -> None:
    _dispatch("nrngui")
