"""NodeList: a list of nodes with vectorised access and filtering (`sp.nodes(sec)`)."""
from __future__ import annotations

from collections import abc

import numpy

from .node import Node
from .rxdException import RxDException


class NodeList(list):
    def __init__(self, items=()):
        if isinstance(items, (abc.Generator, abc.Iterator)):
            items = list(items)
        if not all(isinstance(item, Node) for item in items):
            raise TypeError("Items must be nodes.")
        list.__init__(self, items)

    def __call__(self, restriction) -> "NodeList":
        """The nodes satisfying restriction (a section, segment, region, x, or (x, y, z))."""
        return NodeList([n for n in self if n._safe_satisfies(restriction)])

    def __getitem__(self, key):
        if isinstance(key, slice):
            return NodeList(list.__getitem__(self, key))
        return list.__getitem__(self, key)

    def __setitem__(self, index, value) -> None:
        if not isinstance(value, Node):
            raise TypeError("Only assign a node to the list")
        super().__setitem__(index, value)

    def append(self, item) -> None:
        if not isinstance(item, Node):
            raise TypeError("The append item must be a Node.")
        super().append(item)

    def extend(self, items) -> None:
        items = list(items)
        if not all(isinstance(item, Node) for item in items):
            raise TypeError("The extended items must all be Nodes.")
        super().extend(items)

    def insert(self, position, item) -> None:
        if not isinstance(item, Node):
            raise TypeError("The item inserted must be a Node.")
        super().insert(position, item)

    def _set_each(self, attr: str, value) -> None:
        if hasattr(value, "__len__"):
            if len(value) != len(self):
                raise RxDException("%s must either be a scalar or an iterable of the same length "
                                   "as the NodeList" % attr)
            for node, val in zip(self, value):
                setattr(node, attr, val)
        else:
            for node in self:
                setattr(node, attr, value)

    @property
    def value(self):
        return self.concentration

    @value.setter
    def value(self, v) -> None:
        self.concentration = v

    @property
    def concentration(self) -> list:
        return [node.concentration for node in self]

    @concentration.setter
    def concentration(self, value) -> None:
        self._set_each("concentration", value)

    @property
    def diff(self) -> list:
        return [node.d for node in self]

    @diff.setter
    def diff(self, value) -> None:
        self._set_each("d", value)

    def _unique(self):
        if not self:
            raise RxDException("no nodes")
        if len(self) != 1:
            raise RxDException("node not unique")
        return self[0]

    @property
    def _ref_value(self):
        return self._unique()._ref_value

    @property
    def _ref_concentration(self):
        return self._unique()._ref_concentration

    @property
    def _ref_molecules(self):
        return self._unique()._ref_molecules

    def include_flux(self, *args, **kwargs) -> None:
        for node in self:
            node.include_flux(*args, **kwargs)

    def value_to_grid(self) -> numpy.ndarray:
        """A copy of the 3-D nodes' values on their region's grid (NaN elsewhere)."""
        from .node import Node3D
        regions = {node.region for node in self if isinstance(node, Node3D)}
        if len(regions) > 1:
            raise RxDException("value_to_grid currently only supports 1 region")
        result = numpy.zeros((0, 0, 0))
        for r in regions:
            result = numpy.full((max(r._xs) + 5, max(r._ys) + 5, max(r._zs) + 5), numpy.nan)
            for node in self:
                if isinstance(node, Node3D):
                    result[node._i, node._j, node._k] = node.value
        return result

    @property
    def segment(self) -> list:
        return [node.segment for node in self]

    @property
    def volume(self) -> list:
        return [node.volume for node in self]

    @property
    def surface_area(self) -> list:
        return [node.surface_area for node in self]

    @property
    def region(self) -> list:
        return [node.region for node in self]

    @property
    def species(self) -> list:
        return [node.species for node in self]

    @property
    def x(self) -> list:
        return [node.x for node in self]
