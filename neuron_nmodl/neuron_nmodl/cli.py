"""nrnivmodl: build ./<machine>/libnrnmech.so from .mod files, as NEURON's command does.

    nrnivmodl                 all *.mod files of the current folder
    nrnivmodl dir ...         all *.mod files of each folder
    nrnivmodl a.mod b ...     the named files (".mod" may be left out)

    -incflags "FLAGS"         added to the C++ compile commands (e.g. -I/some/include)
    -loadflags "FLAGS"        added to the link command (e.g. -L/some/lib -lgsl)

Options of NEURON's nrnivmodl that only concern its own build (-coreneuron, -nmodl,
-nmodlflags) are accepted and ignored with a note.  Exit status 0 on success, 1 on any
error (the message is printed like a compiler's).
"""
from __future__ import annotations

import glob
import os
import platform
import shlex
import stat
import sys
import time
from typing import List, Optional, Sequence

from .errors import BuildError, InternalCompilerError, NmodlError

_IGNORED_WITH_VALUE = ("-nmodl", "-nmodlflags")
_FLAG_OPTIONS = {"-incflags": "cflags", "-loadflags": "ldflags"}
_IGNORED = ("-coreneuron",)


def machine_dir() -> str:
    return platform.machine() or "x86_64"


def collect_mod_files(args: Sequence[str]) -> List[str]:
    """The .mod files named by nrnivmodl's arguments, in order, without duplicates."""
    files: List[str] = []
    if not args:
        args = ["."]
    for a in args:
        if os.path.isdir(a):
            found = sorted(glob.glob(os.path.join(a, "*.mod")))
            files += found
        elif os.path.exists(a) and a.endswith(".mod"):
            files.append(a)
        elif os.path.exists(a + ".mod"):
            files.append(a + ".mod")
        elif a.endswith((".c", ".cpp")):
            raise NmodlError("extra C/C++ source files are not supported by this nrnivmodl: %s" % a)
        else:
            raise NmodlError("no such .mod file or folder: %s" % a)
    seen, out = set(), []
    for f in files:
        k = os.path.realpath(f)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _parse_args(argv: Sequence[str], err, flags: dict) -> Optional[List[str]]:
    """The file/folder arguments; -incflags/-loadflags values go into flags."""
    rest: List[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            err(__doc__)
            return None
        if a in _FLAG_OPTIONS:
            if i + 1 >= len(argv):
                raise NmodlError("%s needs a value" % a)
            flags.setdefault(_FLAG_OPTIONS[a], []).extend(shlex.split(argv[i + 1]))
            i += 2
            continue
        if a in _IGNORED_WITH_VALUE:
            err("nrnivmodl: note: %s is ignored" % a)
            i += 2
            continue
        if a in _IGNORED:
            err("nrnivmodl: note: %s is ignored" % a)
            i += 1
            continue
        rest.append(a)
        i += 1
    return rest


def _write_special(out_dir: str, lib: str) -> None:
    """x86_64/special: runs nrniv with these mechanisms (NEURON's `special`)."""
    path = os.path.join(out_dir, "special")
    nrniv = os.path.join(os.path.dirname(sys.executable), "nrniv")
    text = "#!/bin/sh\n# runs nrniv with the mechanisms of this folder\nexec %s -dll %s \"$@\"\n" % (
        nrniv if os.path.exists(nrniv) else "nrniv", lib)
    try:
        with open(path) as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def main(argv: Optional[Sequence[str]] = None) -> int:
    from .build import build_library

    argv = list(sys.argv[1:] if argv is None else argv)
    out = sys.stdout
    err = lambda s: (sys.stderr.write(s + "\n"), sys.stderr.flush())
    t0 = time.time()
    flags: dict = {}
    try:
        args = _parse_args(argv, err, flags)
        if args is None:
            return 0
        mods = collect_mod_files(args)
        if not mods:
            err("nrnivmodl: no .mod files in %s" % (" ".join(args) or os.getcwd()))
            return 1
        out_dir = os.path.join(os.getcwd(), machine_dir())
        names = " ".join('"%s"' % os.path.splitext(os.path.basename(m))[0] for m in mods)
        out.write("Mod files: %s\n\n" % names)
        out.flush()

        def progress(s: str) -> None:
            out.write(s + "\n")
            out.flush()

        res = build_library(mods, out_dir, progress, warn=err, **flags)
        _write_special(out_dir, res.library)
        if res.rebuilt:
            out.write("Successfully created %s/special (%.1f s)\n" % (machine_dir(), time.time() - t0))
        else:
            out.write("%s/libnrnmech.so is up to date\n" % machine_dir())
        out.flush()
        return 0
    except NmodlError as e:
        err(e.format())
        return 1
    except BuildError as e:
        err(str(e))
        err("nrnivmodl: the generated C++ did not compile (see the .mod lines above)")
        return 1
    except InternalCompilerError as e:
        err(str(e))
        err("nrnivmodl: this is a bug in neuron_nmodl, not in your file")
        return 1


if __name__ == "__main__":
    sys.exit(main())
