"""The bulletin board: `submit` queues a task, `working` returns the id of a finished one,
messages are posted and taken by key.  This module is the one-process board and the
per-ParallelContext session; over MPI the session talks to bulletin_mpi's master instead.

With one host NEURON runs tasks in submission order inside `working()`; so does this board.
Task arguments travel as a message (numbers become floats, other objects are pickled), so
a task sees what it would see on another host, and its saved arguments can be unpacked
after `working` returns (unless the task was submitted with an explicit userid).
"""
from __future__ import annotations

import itertools
import pickle
import sys
from collections import deque
from typing import Any, Deque, Dict, List, Optional, Tuple

from ..errors import NeuronError
from .messages import PYOBJ, SCALAR, STRING, VECTOR, Message, decode_pyobj, encode


class Task:
    __slots__ = ("id", "userid", "fn", "items", "saved")

    def __init__(self, ident: int, userid: float, fn, items, saved: bool):
        self.id = ident
        self.userid = userid
        self.fn = fn
        self.items = items
        self.saved = saved


_hoc_ac = {"value": 0.0}


def _hoc_variable():
    """Where HOC keeps hoc_ac_: an engine builtin if one is registered, else the `h` of an
    already imported `neuron` package (never imported from here), else nowhere."""
    from .. import builtins
    var = builtins.VARIABLES.get("hoc_ac_")
    if var is not None:
        return var.get, var.set
    neuron = sys.modules.get("neuron")
    try:
        h = getattr(neuron, "h", None) if neuron is not None else None
    except ImportError:
        h = None
    if h is not None:
        return (lambda: float(getattr(h, "hoc_ac_"))), (lambda x: setattr(h, "hoc_ac_", x))
    return None


def set_hoc_ac(value: float) -> None:
    """hoc_ac_ holds the running task's id (NEURON sets it before a task runs)."""
    _hoc_ac["value"] = float(value)
    acc = _hoc_variable()
    if acc is not None:
        try:
            acc[1](float(value))
        except (AttributeError, LookupError):
            pass


def get_hoc_ac() -> float:
    acc = _hoc_variable()
    if acc is not None:
        try:
            return float(acc[0]())
        except (AttributeError, LookupError):
            pass
    return _hoc_ac["value"]


def _key(key) -> Any:
    if isinstance(key, str):
        return key
    try:
        return float(key)
    except (TypeError, ValueError):
        raise NeuronError("bulletin board keys are strings or numbers, not %r" % (key,)) from None


def _hoc_literal(kind: str, value) -> str:
    if kind == SCALAR:
        return repr(float(value))
    if kind == STRING:
        return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')
    raise NeuronError("a HOC function submitted by name takes numbers and strings only")


def run_task(task: Task) -> Tuple[float, Any]:
    """Execute a task here: (retval, pyret)."""
    from .. import builtins
    set_hoc_ac(task.id)
    if callable(task.fn):
        args = [decode_pyobj(k, v) for k, v in task.items]
        result = task.fn(*args)
        return 0.0, pickle.loads(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
    name = str(task.fn)
    if task.items:
        stmt = "hoc_ac_ = %s(%s)" % (name, ", ".join(_hoc_literal(k, v) for k, v in task.items))
    else:
        stmt = name
    builtins.execute_hoc(stmt)
    return get_hoc_ac(), None


class Board:
    """Tasks and posted messages of this process."""

    def __init__(self):
        self.tasks: Deque[Task] = deque()
        self.messages: Dict[Any, List[List]] = {}
        self._ids = itertools.count(1)

    def new_task(self, userid: float, fn, items, saved: bool) -> Task:
        task = Task(next(self._ids), userid, fn, items, saved)
        self.tasks.append(task)
        return task

    def post(self, key, items) -> None:
        self.messages.setdefault(_key(key), []).append(items)

    def look(self, key, take: bool) -> Optional[List]:
        k = _key(key)
        queue = self.messages.get(k)
        if not queue:
            return None
        if not take:
            return queue[0]
        items = queue.pop(0)
        if not queue:
            del self.messages[k]
        return items


board = Board()


def _mode() -> str:
    """serial (one process), master, worker, or member (rank > 0 of a subworld)."""
    from . import world
    if world.world().size == 1:
        return "serial"
    bbs = world.bbs()
    if bbs is None:
        return "member"
    return "master" if bbs.rank == 0 else "worker"


def _mpi():
    from . import bulletin_mpi, world
    sub = world.net() if world.subworld_size() else _Alone()
    return bulletin_mpi, world.bbs(), sub


def _bbs_rank_only(mode: str, what: str) -> None:
    if mode == "member":
        raise NeuronError("ParallelContext.%s: this rank has id_bbs() == -1 (a rank > 0 of a "
                          "subworld) and cannot use the bulletin board; guard the call with "
                          "`if pc.id_bbs() != -1`" % what)


class _Alone:
    """The network world of a bulletin-board rank when there are no subworlds: itself."""
    size = 1


class Session:
    """What one ParallelContext remembers between calls: its userids, the pack buffer, the
    last result gathered by `working` and the message being unpacked."""

    def __init__(self):
        self._local_ids = itertools.count(1)
        self.packed: List = []
        self.current = Message()
        self.userid = 0.0
        self.retval = 0.0
        self.pyret: Any = None

    def _master(self, what: str):
        mode = _mode()
        if mode in ("worker", "member"):
            mod, _, _ = _mpi()
            raise mod.not_on_worker(what)
        if mode == "master":
            mod, bbs, sub = _mpi()
            return mod.master(bbs, sub)
        return None

    def submit(self, args) -> float:
        if not args:
            raise NeuronError("submit needs a callable or a HOC statement")
        first = args[0]
        explicit = isinstance(first, (int, float)) and not isinstance(first, bool) and first >= 0
        if explicit:
            userid, args = float(first), args[1:]
        else:
            userid = -float(next(self._local_ids))
        if not args or not (callable(args[0]) or isinstance(args[0], str)):
            raise NeuronError("submit: expected a Python callable or a HOC statement/function name")
        items = [encode(a) for a in args[1:]]
        m = self._master("submit")
        if m is not None:
            m.submit(userid, args[0], items, saved=not explicit)
        else:
            board.new_task(userid, args[0], items, saved=not explicit)
        return userid

    def working(self) -> int:
        m = self._master("working")
        if m is not None:
            got = m.working()
            if got is None:
                return 0
            task, self.retval, self.pyret = got
        else:
            if not board.tasks:
                return 0
            task = board.tasks.popleft()
            self.retval, self.pyret = run_task(task)
        self.userid = task.userid
        self.current = Message(task.items if task.saved else [])
        return task.id

    def take_pyret(self) -> Any:
        value, self.pyret = self.pyret, None
        return value

    def pack(self, items) -> None:
        self.packed.extend(encode(a) for a in items)

    def post(self, key, items) -> None:
        body = self.packed + [encode(a) for a in items]
        self.packed = []
        mode = _mode()
        _bbs_rank_only(mode, "post")
        if mode == "serial":
            board.post(key, body)
        elif mode == "master":
            self._master("post").post(key, body)
        else:
            mod, bbs, _ = _mpi()
            mod.WorkerClient(bbs).post(key, body)

    def look(self, key, targets, take: bool, block: bool) -> bool:
        mode = _mode()
        _bbs_rank_only(mode, "take" if block else "look")
        if mode == "serial":
            body = board.look(key, take)
            if body is None and block:
                raise NeuronError("take(%r): no such message on the bulletin board; with one host "
                                  "nothing could ever post it" % (key,))
        elif mode == "master":
            body = self._master("take").look(key, take, block)
        else:
            mod, bbs, _ = _mpi()
            body = mod.WorkerClient(bbs).look(key, take, block)
        if body is None:
            return False
        self.current = Message(body)
        self.current.unpack_into(targets)
        return True

    def context(self, args) -> None:
        """Run on every worker, not on the master (with one host there are no workers)."""
        m = self._master("context")
        if m is None or not args:
            return
        fn, rest = args[0], args[1:]
        if isinstance(fn, (int, float)) and not isinstance(fn, bool) and rest:
            fn, rest = rest[0], rest[1:]
        m.context_all(fn, [encode(a) for a in rest])

    def runworker(self) -> None:
        mode = _mode()
        if mode in ("worker", "member"):
            mod, bbs, sub = _mpi()
            mod.worker_loop(bbs, sub)

    def done(self) -> None:
        m = self._master("done") if _mode() == "master" else None
        if m is not None:
            m.done()


__all__ = ["Board", "Session", "board", "run_task", "SCALAR", "STRING", "VECTOR", "PYOBJ"]
