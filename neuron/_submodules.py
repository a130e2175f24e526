"""`neuron.<name>` submodules provided by components (neuron.rxd -> neuron_rxd, ...).

Registered names are imported lazily: a meta-path finder makes ``import neuron.rxd`` and
``from neuron import rxd`` load the component's module and alias it in sys.modules.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from typing import Dict, List, Optional

_aliases: Dict[str, str] = {}


def install(pm) -> None:
    pm.hook.neuron_register_submodules(register=lambda name, module: _aliases.__setitem__(name, module))
    if not any(isinstance(f, _AliasFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _AliasFinder())


def names() -> List[str]:
    return list(_aliases)


def import_alias(name: str):
    target = _aliases.get(name)
    if target is None:
        return None
    mod = importlib.import_module(target)
    sys.modules["neuron." + name] = mod
    return mod


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target: str):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module) -> None:
        pass


class _AliasFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path, target=None) -> Optional[importlib.machinery.ModuleSpec]:
        if not fullname.startswith("neuron."):
            return None
        rest = fullname[len("neuron."):]
        head, _, tail = rest.partition(".")
        if head not in _aliases:
            return None
        real = _aliases[head] + ("." + tail if tail else "")
        if importlib.util.find_spec(real) is None:
            return None
        return importlib.util.spec_from_loader(fullname, _AliasLoader(real))
