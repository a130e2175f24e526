"""The bulletin board on one process: `submit` queues a task, `working` runs the next one and
returns its id, messages are posted and taken by key.

With one host NEURON runs tasks in submission order inside `working()`; so does this board.
Task arguments travel as a message (numbers become floats, other objects are pickled), so
a task sees what it would see on another host, and its saved arguments can be unpacked
after `working` returns (unless the task was submitted with an explicit userid).
"""
from __future__ import annotations

import itertools
import pickle
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


def set_hoc_ac(value: float) -> None:
    """hoc_ac_ holds the running task's id (NEURON sets it before a task runs)."""
    from .. import builtins
    var = builtins.VARIABLES.get("hoc_ac_")
    if var is not None:
        var.set(float(value))
    _hoc_ac["value"] = float(value)


def get_hoc_ac() -> float:
    from .. import builtins
    var = builtins.VARIABLES.get("hoc_ac_")
    return float(var.get()) if var is not None else _hoc_ac["value"]


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
        board.new_task(userid, args[0], items, saved=not explicit)
        return userid

    def working(self) -> int:
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
        board.post(key, body)

    def look(self, key, targets, take: bool, block: bool) -> bool:
        body = board.look(key, take)
        if body is None:
            if block:
                raise NeuronError("take(%r): no such message on the bulletin board; with one host "
                                  "nothing could ever post it" % (key,))
            return False
        self.current = Message(body)
        self.current.unpack_into(targets)
        return True


__all__ = ["Board", "Session", "board", "run_task", "SCALAR", "STRING", "VECTOR", "PYOBJ"]
