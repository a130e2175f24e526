"""The bulletin board over MPI: the master (bulletin-board rank 0) holds the tasks and the
posted messages; workers, inside `runworker()`, ask it for tasks until `done()`.

Protocol (mpi4py point-to-point on the bulletin-board communicator): a worker sends
("ready", result-or-None) and receives ("task", ...), ("context", ...) or ("quit",);
post/take/look from a worker task are requests answered by the master.  The master serves
workers whenever it is inside a bulletin-board call (working, take, done), and, as in
NEURON, runs tasks itself while it waits for results.  In a subworld, the rank-0 process
that runs a task first broadcasts it, so every rank of the subworld runs it too.
"""
from __future__ import annotations

import sys
from collections import deque
from typing import Any, Deque, Dict, List, Optional, Tuple

from ..errors import NeuronError
from .bulletin import Task, _key, run_task
from .messages import Message

TAG_READY, TAG_TASK, TAG_BB, TAG_BBREPLY = 71, 72, 73, 74


class MasterBoard:
    """State kept on the master: tasks, results, messages, the workers' availability."""

    def __init__(self, bbs, net):
        self.bbs = bbs
        self.net = net
        self.pending: Deque[Task] = deque()
        self.in_flight: Dict[int, Task] = {}
        self.results: Deque[Tuple[Task, float, Any]] = deque()
        self.messages: Dict[Any, List] = {}
        self.takers: List[Tuple[int, Any, bool]] = []        # (worker, key, remove)
        self.idle: List[int] = []
        self.context: Dict[int, Deque] = {w: deque() for w in range(1, bbs.size)}
        self.quitting = False
        self.quit_sent = set()
        self.next_id = 1
        self.master_works = True

    # ----------------------------------------------------------------- tasks

    def submit(self, userid: float, fn, items, saved: bool) -> Task:
        task = Task(self.next_id, userid, fn, items, saved)
        self.next_id += 1
        self.pending.append(task)
        self._dispatch()
        return task

    def _assign(self, w: int) -> None:
        comm = self.bbs.comm
        if self.context[w]:
            comm.send(("context",) + self.context[w].popleft(), dest=w, tag=TAG_TASK)
        elif self.quitting:
            comm.send(("quit",), dest=w, tag=TAG_TASK)
            self.quit_sent.add(w)
        elif self.pending:
            task = self.pending.popleft()
            self.in_flight[task.id] = task
            comm.send(("task", task.id, task.fn, task.items), dest=w, tag=TAG_TASK)
        else:
            self.idle.append(w)

    def _dispatch(self) -> None:
        idle, self.idle = self.idle, []
        for w in idle:
            self._assign(w)

    def working(self) -> Optional[Tuple[Task, float, Any]]:
        while True:
            if self.results:
                return self.results.popleft()
            if not self.pending and not self.in_flight:
                return None
            self.serve(block=False)
            if self.results:
                continue
            if self.pending and (self.master_works or self.bbs.size == 1):
                task = self.pending.popleft()
                retval, pyret = run_here(task, self.net)
                self.results.append((task, retval, pyret))
                continue
            self.serve(block=True)

    # -------------------------------------------------------------- messages

    def post(self, key, body) -> None:
        self.messages.setdefault(_key(key), []).append(body)
        waiting, self.takers = self.takers, []
        for w, k, remove in waiting:
            if not self._answer(w, k, remove):
                self.takers.append((w, k, remove))

    def look(self, key, remove: bool, block: bool) -> Optional[List]:
        while True:
            body = self._find(_key(key), remove)
            if body is not None or not block:
                return body
            self.serve(block=True)

    def _find(self, key, remove: bool) -> Optional[List]:
        queue = self.messages.get(key)
        if not queue:
            return None
        if not remove:
            return queue[0]
        body = queue.pop(0)
        if not queue:
            del self.messages[key]
        return body

    def _answer(self, w: int, key, remove: bool) -> bool:
        body = self._find(key, remove)
        if body is None:
            return False
        self.bbs.comm.send(body, dest=w, tag=TAG_BBREPLY)
        return True

    # --------------------------------------------------------------- serving

    def serve(self, block: bool) -> None:
        """Handle every waiting request (and wait for one first when block)."""
        comm, MPI = self.bbs.comm, self.bbs.MPI
        status = MPI.Status()
        if block:
            comm.probe(source=MPI.ANY_SOURCE, tag=MPI.ANY_TAG, status=status)
        while comm.iprobe(source=MPI.ANY_SOURCE, tag=MPI.ANY_TAG, status=status):
            w, tag = status.Get_source(), status.Get_tag()
            msg = comm.recv(source=w, tag=tag)
            if tag == TAG_READY:
                if msg is not None:
                    task = self.in_flight.pop(msg[0])
                    self.results.append((task, msg[1], msg[2]))
                self._assign(w)
            elif tag == TAG_BB:
                kind, key = msg[0], _key(msg[1])
                if kind == "post":
                    self.post(key, msg[2])
                elif kind == "take":
                    if not self._answer(w, key, True):
                        self.takers.append((w, key, True))
                else:
                    comm.send(self._find(key, kind == "look_take"), dest=w, tag=TAG_BBREPLY)

    def context_all(self, fn, items) -> None:
        for w in self.context:
            self.context[w].append((fn, items))
        self._dispatch()

    def done(self) -> None:
        self.quitting = True
        self._dispatch()
        while len(self.quit_sent) < self.bbs.size - 1:
            self.serve(block=True)
        if self.net.size > 1:
            self.net.comm.bcast(("quit",), root=0)


def run_here(task: Task, net) -> Tuple[float, Any]:
    """Run a task on this rank (and, in a subworld, on every rank of it)."""
    if net.size > 1:
        net.comm.bcast(("task", task.id, task.fn, task.items), root=0)
    return run_task(task)


def worker_loop(bbs, net) -> None:
    """runworker() on a worker: run tasks from the master until it says quit; then exit.
    `net` is the subworld (size 1 without subworlds); `bbs` is None on its ranks > 0."""
    if bbs is None:
        _subworld_member_loop(net)
    comm = bbs.comm
    result = None
    while True:
        comm.send(result, dest=0, tag=TAG_READY)
        msg = comm.recv(source=0, tag=TAG_TASK)
        result = None
        if msg[0] == "quit":
            if net.size > 1:
                net.comm.bcast(msg, root=0)
            _exit()
        task = Task(msg[1] if msg[0] == "task" else 0, 0.0,
                    msg[2] if msg[0] == "task" else msg[1],
                    msg[3] if msg[0] == "task" else msg[2], False)
        if net.size > 1:
            net.comm.bcast(("task", task.id, task.fn, task.items), root=0)
        retval, pyret = run_task(task)
        if msg[0] == "task":
            result = (task.id, retval, pyret)


def _subworld_member_loop(net) -> None:
    """Ranks > 0 of a subworld run whatever their rank 0 runs, until it quits."""
    while True:
        msg = net.comm.bcast(None, root=0)
        if msg[0] == "quit":
            _exit()
        run_task(Task(msg[1], 0.0, msg[2], msg[3], False))


def _exit() -> None:
    sys.stdout.flush()
    sys.exit(0)


class WorkerClient:
    """post/take/look from inside a task running on a worker: requests to the master."""

    def __init__(self, bbs):
        self.comm = bbs.comm

    def post(self, key, body) -> None:
        self.comm.send(("post", key, body), dest=0, tag=TAG_BB)

    def look(self, key, remove: bool, block: bool) -> Optional[List]:
        kind = "take" if block else ("look_take" if remove else "look")
        self.comm.send((kind, key), dest=0, tag=TAG_BB)
        return self.comm.recv(source=0, tag=TAG_BBREPLY)


_board = {"master": None}


def master(bbs, net) -> MasterBoard:
    if _board["master"] is None:
        _board["master"] = MasterBoard(bbs, net)
    return _board["master"]


def reply_message(body) -> Message:
    return Message(body or [])


def not_on_worker(what: str) -> NeuronError:
    return NeuronError("ParallelContext.%s can only be called on the master (bulletin-board rank "
                       "0); tasks running on workers may post, take and look" % what)
