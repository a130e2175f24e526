"""NEURON's section order: each tree (roots in creation order) breadth first, the children
of a section ordered by connection position and, at one position, most recently connected
first.  rxd numbers its nodes and lays out shapes in this order."""
from __future__ import annotations

from typing import List

from neuron_core.model import model


def children(sec) -> list:
    """sec's children in NEURON's order: by connection position, then most recently connected
    first (independent of the order the engine lists them in)."""
    return sorted(sec.children(), key=lambda c: (c.parentseg().x, -c._connect_seq))


def tree_order() -> List:
    """All live sections in NEURON's order."""
    roots = [s for s in model.sections() if s.parentseg() is None]
    order = []
    for root in roots:
        queue = [root]
        i = 0
        while i < len(queue):
            queue.extend(children(queue[i]))
            i += 1
        order.extend(queue)
    return order


def sort_sections(secs) -> list:
    """secs in NEURON's order (duplicates dropped)."""
    wanted = {id(s) for s in secs}
    return [s for s in tree_order() if id(s) in wanted]
