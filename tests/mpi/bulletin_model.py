"""The bulletin board over MPI: tasks scattered with submit, gathered with working, a task
that posts a message for the master, context on the workers, and (with --subworlds N) tasks
that are small parallel computations inside subworlds of N ranks.

Usage: mpiexec -n K python bulletin_model.py [--subworlds N]
The master prints one JSON line.
"""
import json
import sys

from neuron_core.parallel import ParallelContext, nrnmpi_init

nrnmpi_init()
pc = ParallelContext()
seen = []


def square(x):
    return x * x, pc.id_world()


def subworld_sum(x):
    """A collective inside the subworld running the task: sum of (id + x) over its ranks."""
    return pc.allreduce(pc.id() + x, 1), pc.nhost()


def poster(k):
    if pc.id_bbs() != -1:          # ranks > 0 of a subworld may not use the board (NEURON)
        pc.post("from task", k * 10.0, "text")
    return k


def remember(k):
    seen.append(k)


def main():
    sub = int(sys.argv[sys.argv.index("--subworlds") + 1]) if "--subworlds" in sys.argv else 0
    if sub:
        pc.subworlds(sub)
    pc.runworker()
    out = {"nhost_world": pc.nhost_world(), "nhost_bbs": pc.nhost_bbs()}
    fn = subworld_sum if sub else square
    for i in range(24):
        pc.submit(fn, i)
    results, ranks = {}, set()
    while True:
        ident = pc.working()
        if ident == 0:
            break
        arg = pc.upkscalar()
        value, extra = pc.pyret()
        results[int(arg)] = value
        ranks.add(extra)
    out["results"] = [results[i] for i in range(24)]
    out["extra"] = sorted(ranks)
    pc.submit(7, poster, 3)
    while pc.working():
        out["userid"] = pc.userid()
    holder = [""]
    pc.take("from task")
    out["posted"] = [pc.upkscalar(), pc.upkstr(holder)[0]]
    pc.context(remember, 5)
    pc.done()
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()


main()
