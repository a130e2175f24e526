"""The graphical interface when there is no screen: every GUI function and class exists,
accepts its arguments and does nothing, so models written for the GUI run in batch."""
from __future__ import annotations

from . import define, define_class

GUI_FUNCTIONS = (
    "xpanel", "xbutton", "xcheckbox", "xstatebutton", "xlabel", "xmenu", "xvalue", "xpvalue",
    "xradiobutton", "xfixedvalue", "xvarlabel", "xslider", "doEvents", "doNotify",
    "ivoc_style", "pwman_place", "save_session", "print_session", "plt", "axis", "plot",
    "plotx", "ploty", "regraph", "graph", "graphmode", "lw", "setcolor", "show_winio",
    "prmat", "nrnallsectionmenu", "nrnallpointmenu", "nrnsecmenu", "nrnglobalmechmenu",
    "nrnmechmenu", "nrnpointmenu",
)
DIALOGS = ("boolean_dialog", "continue_dialog", "string_dialog")
GUI_CLASSES = ("Graph", "HBox", "VBox", "Deck",
               "PWManager", "TextEditor", "SymChooser", "ValueFieldEditor", "GUIMath", "Glyph",
               "FieldEditor", "SectionBrowser", "PPShape", "Grapher")


class HeadlessGUI:
    """A GUI object without a screen: any method call is accepted and returns 1, as most
    of NEURON's GUI methods do (size and view_count report an empty view: 0)."""

    def __init__(self, *args, **kwargs):
        cls = type(self)
        self._name = cls.__name__
        self._index = cls.__dict__.get("_created", 0)   # Graph[0], Graph[1]... per class
        cls._created = self._index + 1

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return _nothing if name in ("size", "view_count", "count") else _done

    def hname(self) -> str:
        return "%s[%d]" % (self._name, self._index)

    __repr__ = __str__ = hname


def _nothing(*args, **kwargs) -> float:
    return 0.0


def _done(*args, **kwargs) -> float:
    return 1.0


def install(interp) -> None:
    def events(*args) -> float:
        """doEvents/doNotify: the event loop runs due Timer actions."""
        run = getattr(interp, "process_timers", None)
        if run is not None:
            run()
        return 0.0

    for name in GUI_FUNCTIONS:
        define(interp, name, events if name in ("doEvents", "doNotify") else _nothing)
    for name in DIALOGS:
        define(interp, name, _nothing)
    engine = getattr(interp.builtins, "engine_lookup", None)
    for name in GUI_CLASSES:
        # the engine's own class (e.g. a PlotShape that draws with matplotlib) wins
        if interp.builtins.syms.get(name) is None and (engine is None or engine(name) is None):
            define_class(interp, name, type(name, (HeadlessGUI,), {}))
