"""SectionList and SectionRef."""
from __future__ import annotations

import itertools
import weakref
from typing import Iterable, Iterator, List, Optional

from .errors import NeuronError
from .model import model
from .section import Section


_ids = itertools.count()


class SectionList:
    """An ordered list of sections; iteration skips deleted ones and leaves the stack alone."""

    def __init__(self, sections: Optional[Iterable[Section]] = None):
        self._id = next(_ids)         # creation order (HOC's List("SectionList"))
        self._secs: List[Section] = []
        if sections is not None:
            for s in sections:
                self.append(s)

    def hname(self) -> str:
        return "SectionList[%d]" % self._id

    def _live(self) -> List[Section]:
        self._secs = [s for s in self._secs if not s._deleted]
        return self._secs

    def append(self, sec: Optional[Section] = None, *, _sec=None) -> float:
        sec = _sec or sec or model.cas()
        if not isinstance(sec, Section):
            raise TypeError("SectionList.append needs a Section")
        self._secs.append(sec)
        return 1.0

    def remove(self, arg=None) -> float:
        if isinstance(arg, SectionList):
            gone = {id(s) for s in arg._live()}
            before = len(self._secs)
            self._secs = [s for s in self._secs if id(s) not in gone]
            return float(before - len(self._secs))
        sec = arg or model.cas()
        before = len(self._secs)
        self._secs = [s for s in self._secs if s is not sec]
        return float(before - len(self._secs))

    def children(self, sec: Optional[Section] = None) -> float:
        sec = sec or model.cas()
        for c in sec.children():
            self._secs.append(c)
        return 1.0

    def subtree(self, sec: Optional[Section] = None) -> float:
        sec = sec or model.cas()
        self._secs.extend(sec.subtree())
        return 1.0

    def wholetree(self, sec: Optional[Section] = None) -> float:
        sec = sec or model.cas()
        self._secs.extend(sec.wholetree())
        return 1.0

    def allroots(self) -> float:
        self._secs.extend(s for s in model.sections() if s._parent is None)
        return 1.0

    def unique(self) -> int:
        seen = set()
        out = []
        for s in self._live():
            if id(s) not in seen:
                seen.add(id(s))
                out.append(s)
        removed = len(self._secs) - len(out)
        self._secs = out
        return removed

    def contains(self, sec: Optional[Section] = None) -> bool:
        sec = sec or model.cas()
        return any(s is sec for s in self._live())

    def printnames(self) -> float:
        for s in self._live():
            print(s.name())
        return 1.0

    def size(self) -> int:
        return len(self._live())

    def __len__(self) -> int:
        return len(self._live())

    def __iter__(self) -> Iterator[Section]:
        return iter(list(self._live()))

    def __contains__(self, sec) -> bool:
        return any(s is sec for s in self._live())


class SectionRef:
    """A reference to a section with tree navigation (sec, parent, root, child[i])."""

    def __init__(self, sec: Optional[Section] = None):
        sec = sec or model.cas()
        self._ref = weakref.ref(sec) if sec.is_pysec() else (lambda s=sec: s)
        self._sec = sec

    @property
    def sec(self) -> Section:
        s = self._sec
        if s is None or s._deleted:
            raise NeuronError("SectionRef: the section was deleted")
        return s

    def exists(self) -> bool:
        return self._sec is not None and not self._sec._deleted

    def has_parent(self) -> bool:
        return self.sec._parent is not None

    def has_trueparent(self) -> bool:
        return self.sec.trueparentseg() is not None

    @property
    def parent(self) -> Section:
        p = self.sec._parent
        if p is None:
            raise NeuronError("SectionRef: %s has no parent" % self.sec.name())
        return p

    @property
    def trueparent(self) -> Section:
        seg = self.sec.trueparentseg()
        if seg is None:
            raise NeuronError("SectionRef: %s has no trueparent" % self.sec.name())
        return seg.sec

    @property
    def root(self) -> Section:
        return self.sec.root()

    def nchild(self) -> int:
        return len(self.sec.children())

    @property
    def child(self) -> List[Section]:
        return self.sec.children()

    def is_cas(self) -> bool:
        try:
            return model.cas() is self.sec
        except NeuronError:
            return False

    def rename(self, name: str) -> None:
        self.sec._name = str(name)

    def unname(self) -> None:
        self.sec._name = None
