"""NEURON's List class: an ordered list of object references, or (List("Name")) the live
list of all instances of a template.  Browser methods need a screen and only keep state."""
from __future__ import annotations

import operator
import weakref

from neuron_core.errors import NeuronError
from neuron_core.vector.args import chk, is_number, nargs

from .hooks import template_instances
from .identity import HocIdentity
from .strings import text_of

_all_lists: "weakref.WeakSet[List]" = weakref.WeakSet()


def all_lists() -> list:
    """Every live List (StringFunctions.references looks through them)."""
    return list(_all_lists)


class List(HocIdentity):
    """List() or List("templatename")."""

    hoc_name = "List"
    __slots__ = ("_items", "_template", "_id", "_select_action", "_accept_action", "__weakref__")

    def __init__(self, *args) -> None:
        nargs(args, 0, 1, "List")
        self._items = []
        self._template = None
        if args:
            if not isinstance(args[0], str):
                raise NeuronError("List: the argument must be a template name")
            name = text_of(args[0])
            if template_instances(name) is None:
                raise NeuronError("List: %s is not a template name" % name)
            self._template = name
        self._id = self._number()
        self._select_action = None
        self._accept_action = None
        _all_lists.add(self)


    def _objects(self) -> list:
        if self._template is not None:
            return list(template_instances(self._template) or [])
        return self._items

    def _editable(self, what: str) -> list:
        if self._template is not None:
            raise NeuronError("%s: a List of all %s instances cannot be changed" % (what, self._template))
        return self._items

    @staticmethod
    def _check_object(obj, what: str):
        if is_number(obj) or isinstance(obj, str):
            raise NeuronError("%s: expected an object, got %s" % (what, type(obj).__name__))
        return obj

    # ------------------------------------------------------------------ contents

    def append(self, obj) -> float:
        """Add at the end; returns the new count."""
        items = self._items if self._template is None else self._editable("List.append")
        if is_number(obj) or isinstance(obj, str):
            self._check_object(obj, "List.append")
        items.append(obj)
        return float(len(items))

    def prepend(self, obj) -> float:
        items = self._editable("List.prepend")
        items.insert(0, self._check_object(obj, "List.prepend"))
        return float(len(items))

    def insrt(self, i, obj) -> float:
        """Insert before item i; returns the new count."""
        items = self._editable("List.insrt")
        k = int(chk(i, 0, len(items), "List.insrt"))
        items.insert(k, self._check_object(obj, "List.insrt"))
        return float(len(items))

    def remove(self, i) -> float:
        """Remove item i; returns the number left."""
        items = self._editable("List.remove")
        del items[int(chk(i, 0, len(items) - 1, "List.remove"))]
        return float(len(items))

    def remove_all(self) -> float:
        items = self._items if self._template is None else self._editable("List.remove_all")
        items.clear()
        return 0.0

    def count(self) -> int:
        if self._template is None:
            return len(self._items)
        return len(self._objects())

    def index(self, obj) -> int:
        """Position of obj (by identity), or -1."""
        for k, item in enumerate(self._objects()):
            if item is obj:
                return k
        return -1

    def object(self, i):
        objs = self._objects()
        return objs[int(chk(i, 0, len(objs) - 1, "List.object"))]

    o = object

    # ------------------------------------------------------------------ Python protocols

    def __len__(self) -> int:
        return len(self._objects())

    def __iter__(self):
        return iter(list(self._objects()))

    def __getitem__(self, i):
        objs = self._objects()
        k = operator.index(i)
        if k < 0:
            k += len(objs)
        if not 0 <= k < len(objs):
            raise IndexError("%s index out of range" % self.hname())
        return objs[k]

    # ------------------------------------------------------------------ browser (no screen)

    def browser(self, *args) -> float:
        return 1.0

    def select(self, i) -> float:
        return 1.0

    def selected(self) -> int:
        """Nothing is ever highlighted without a browser on screen."""
        return -1

    def scroll_pos(self, *args) -> float:
        return -1.0

    def select_action(self, action, *args) -> float:
        self._select_action = action
        return 1.0

    def accept_action(self, action) -> float:
        self._accept_action = action
        return 1.0
