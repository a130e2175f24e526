"""The plugin manager: first-party plugins, then installed entry points, then a check that every
implemented hook exists.  A plugin that fails to load is reported by name and skipped."""
from __future__ import annotations

import os
import warnings
from typing import Optional

import pluggy

from . import hookspecs

PROJECT = "neuron"
DISABLE_ENV = "NEURON_DISABLE_PLUGIN_AUTOLOAD"

_pm: Optional[pluggy.PluginManager] = None


class PluginLoadWarning(UserWarning):
    """A plugin could not be loaded; the rest of NEURON still works."""


def get_plugin_manager() -> pluggy.PluginManager:
    global _pm
    if _pm is None:
        pm = pluggy.PluginManager(PROJECT)
        pm.add_hookspecs(hookspecs)
        if not os.environ.get(DISABLE_ENV):
            _load_entry_points(pm)
        pm.check_pending()
        _pm = pm
    return _pm


def _load_entry_points(pm: pluggy.PluginManager) -> None:
    from importlib.metadata import entry_points
    try:
        eps = entry_points(group=PROJECT)
    except TypeError:  # Python < 3.10
        eps = entry_points().get(PROJECT, [])
    for ep in eps:
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        try:
            plugin = ep.load()
            pm.register(plugin, name=ep.name)
            try:
                pm.check_pending()
            except pluggy.PluginValidationError:
                pm.unregister(plugin)
                raise
        except Exception as exc:  # a broken plugin must not break import neuron
            dist = getattr(getattr(ep, "dist", None), "name", "?")
            warnings.warn("NEURON plugin %r (%s, distribution %s) failed to load: %s: %s"
                          % (ep.name, ep.value, dist, type(exc).__name__, exc),
                          PluginLoadWarning, stacklevel=3)


def reset() -> None:
    """Forget the manager (tests)."""
    global _pm
    _pm = None
