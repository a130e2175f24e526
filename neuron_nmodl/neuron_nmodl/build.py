"""From .mod files to one shared library: translate, compile (in parallel, cached), link.

Every object file is cached under a key made of the generated C++ text, the compiler's
version and flags, and the headers, so an unchanged mechanism is never recompiled; a folder
whose .mod files (and INCLUDEd files) are unchanged is recognised from a manifest without
translating anything.
"""
from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence

from .errors import BuildError, NmodlError

VERSION = "0.1"
# -ffp-contract=off: no fused multiply-add, so arithmetic rounds as in NEURON's build.
# -fno-tree-sink/-fno-tree-pre keep exp calls and table loads out of branches, so the loops
# over instances vectorise (with libmvec's SIMD exp).
# -fno-tree-loop-distribution: GCC 12 turns a column reset inside a kernel loop (x = 0
# followed by x = x + ...) into a memset placed after the loop (seen with restrict-qualified
# kernels); loop distribution gains nothing here, so it is off.
BASE_FLAGS = ["-O3", "-fPIC", "-std=c++17", "-fvisibility=hidden", "-ffp-contract=off",
              "-fno-math-errno", "-fno-tree-sink", "-fno-tree-pre", "-fno-tree-loop-distribution",
              "-fno-tree-loop-distribute-patterns",
              "--param", "vect-max-version-for-alias-checks=200", "-w"]
_GCC_ONLY = ("-fno-tree-sink", "-fno-tree-pre", "-fno-tree-loop-distribution",
             "-fno-tree-loop-distribute-patterns")
RUNTIME_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runtime")
LIBNAME = "libnrnmech.so"
MANIFEST = ".nmodl_manifest.json"


def abi_include_dir() -> str:
    """The directory holding nrn_mech_abi.h (installed neuron_core, else the repository)."""
    try:
        from importlib import resources

        p = resources.files("neuron_core").joinpath("include")
        if p.joinpath("nrn_mech_abi.h").is_file():
            return str(p)
    except (ImportError, ModuleNotFoundError, TypeError):
        pass
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.join(here, "..", "..", "neuron_core", "neuron_core", "include")
    repo = os.path.normpath(repo)
    if os.path.exists(os.path.join(repo, "nrn_mech_abi.h")):
        return repo
    raise BuildError("cannot find nrn_mech_abi.h (is neuron-core installed?)")


_compiler_id: Optional[str] = None
_flags: dict = {}


def _cpu_flags() -> set:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cxx_flags(native: bool = False) -> List[str]:
    """Compiler flags.  Libraries in a model folder (nrnivmodl) use a portable instruction-set
    level this CPU supports (x86-64-v3 with AVX2, else v2), as a folder may be shared by
    several machines; libraries in the per-user cache are built for this exact CPU
    (-march=native, the CPU model is part of the cache key).  libmvec's SIMD exp is used
    when the C library has it."""
    if native not in _flags:
        flags = list(BASE_FLAGS)
        if "clang" in compiler_id().lower():   # GCC-only tuning options
            flags = [f for f in flags if f not in _GCC_ONLY]
            flags = [f for i, f in enumerate(flags) if f != "--param" and
                     (i == 0 or flags[i - 1] != "--param")]
        env = os.environ.get("NEURON_NMODL_CXXFLAGS")
        if env is not None:
            flags += env.split()
        elif os.uname().machine == "x86_64":
            cpu = _cpu_flags()
            if native:
                flags.append("-march=native")
            elif {"avx2", "fma", "bmi2"} <= cpu:
                flags.append("-march=x86-64-v3")
            elif "sse4_2" in cpu:
                flags.append("-march=x86-64-v2")
            if _has_libmvec():
                flags.append("-DNMODL_SIMD_EXP")
        _flags[native] = flags
    return _flags[native]


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return os.uname().machine


def _has_libmvec() -> bool:
    for d in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64"):
        if os.path.exists(os.path.join(d, "libmvec.so")):
            return True
    return False


def link_libs(native: bool = False) -> List[str]:
    return ["-lmvec"] if "-DNMODL_SIMD_EXP" in cxx_flags(native) else []


def compiler() -> str:
    return os.environ.get("CXX") or "g++"


def compiler_id() -> str:
    global _compiler_id
    if _compiler_id is None:
        try:
            r = subprocess.run([compiler(), "--version"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise BuildError("no C++ compiler (%s): %s" % (compiler(), e))
        _compiler_id = compiler() + ":" + r.stdout.decode(errors="replace").splitlines()[0]
    return _compiler_id


def _file_hash(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def headers_hash() -> str:
    h = hashlib.sha256()
    paths = [os.path.join(abi_include_dir(), "nrn_mech_abi.h")]
    paths += sorted(os.path.join(RUNTIME_DIR, f) for f in os.listdir(RUNTIME_DIR))
    for p in paths:
        h.update(_file_hash(p).encode())
    return h.hexdigest()


def _tool_key(native: bool = False) -> str:
    parts = [VERSION, compiler_id(), " ".join(cxx_flags(native)), headers_hash(), _package_hash()]
    if native:
        parts.append(_cpu_model() + " " + " ".join(sorted(_cpu_flags())))
    return "|".join(parts)


_pkg_hash: Optional[str] = None


def _package_hash() -> str:
    """Hash of the compiler's own Python sources: a new compiler retranslates everything."""
    global _pkg_hash
    if _pkg_hash is None:
        h = hashlib.sha256()
        root = os.path.dirname(os.path.abspath(__file__))
        for d, dirs, files in sorted(os.walk(root)):
            dirs[:] = sorted(x for x in dirs if x not in ("tests", "__pycache__"))
            for f in sorted(files):
                if f.endswith(".py"):
                    h.update(f.encode())
                    h.update(_file_hash(os.path.join(d, f)).encode())
        _pkg_hash = h.hexdigest()
    return _pkg_hash


_INCLUDE = re.compile(r'^\s*INCLUDE\s+"([^"]+)"', re.M)


def source_key(mod: str) -> str:
    """Hash of a .mod file and the files it INCLUDEs (found next to it)."""
    h = hashlib.sha256()
    with open(mod, "rb") as f:
        text = f.read()
    h.update(text)
    for inc in _INCLUDE.findall(text.decode(errors="replace")):
        p = os.path.join(os.path.dirname(os.path.abspath(mod)), inc)
        if os.path.exists(p):
            h.update(_file_hash(p).encode())
    return h.hexdigest()


@dataclass
class BuildResult:
    library: str
    mechanisms: List[str]
    rebuilt: bool


def _run(cmd: List[str], cwd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _compile(cpp: str, obj: str, cwd: str, native: bool = False,
             extra: Sequence[str] = ()) -> Optional[str]:
    cmd = ([compiler()] + cxx_flags(native) + list(extra)
           + ["-I", abi_include_dir(), "-I", RUNTIME_DIR, "-c", cpp, "-o", obj + ".tmp"])
    r = _run(cmd, cwd)
    if r.returncode != 0:
        return r.stdout.decode(errors="replace")
    os.replace(obj + ".tmp", obj)
    return None


def _jobs() -> int:
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except AttributeError:
        return max(1, min(os.cpu_count() or 1, 8))


def build_library(mod_files: Sequence[str], out_dir: str,
                  progress: Optional[Callable[[str], None]] = None,
                  warn: Optional[Callable[[str], None]] = None,
                  native: bool = False, cflags: Sequence[str] = (),
                  ldflags: Sequence[str] = ()) -> BuildResult:
    """Compile `mod_files` into out_dir/libnrnmech.so (plus the generated sources).  cflags
    and ldflags are added to the compile and link commands (nrnivmodl -incflags/-loadflags,
    for VERBATIM code that needs other headers or libraries)."""
    from .codegen import library_source
    from .driver import translate

    progress = progress or (lambda s: None)
    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    mods = [os.path.abspath(p) for p in mod_files]
    stems = [os.path.splitext(os.path.basename(p))[0] for p in mods]
    dup = {s for s in stems if stems.count(s) > 1}
    if dup:
        s = sorted(dup)[0]
        files = [p for p, st in zip(mods, stems) if st == s]
        raise NmodlError("two .mod files with the same name %s: %s" % (s, " and ".join(files)))
    tool = _tool_key(native) + "|" + " ".join(cflags) + "|" + " ".join(ldflags)
    keys = {p: hashlib.sha256((tool + source_key(p)).encode()).hexdigest() for p in mods}
    lib = os.path.join(out_dir, LIBNAME)
    manifest_path = os.path.join(out_dir, MANIFEST)
    old = _read_manifest(manifest_path)
    if (os.path.exists(lib) and old.get("tool") == tool
            and old.get("mods") == {p: keys[p] for p in mods}):
        return BuildResult(lib, old.get("mechanisms", []), False)

    # translate
    models = []
    names: Dict[str, str] = {}
    cpps: List[str] = []
    for p, stem in zip(mods, stems):
        cpp_path = os.path.join(out_dir, stem + ".cpp")
        progress("Translating %s into %s" % (os.path.basename(p), cpp_path))
        t = translate(p, warn=warn)
        if t.model.name in names:
            raise NmodlError("the mechanism %s is defined twice: in %s and in %s"
                             % (t.model.name, names[t.model.name], p))
        names[t.model.name] = p
        for reason in t.model.thread_unsafe:   # nocmodl's notices (sema/threadsafe.py)
            progress("Notice: " + reason)
        if not t.model.thread_unsafe:
            progress("Thread Safe")
        text = t.cpp.replace("@CPPFILE@", cpp_path)
        _write_if_changed(cpp_path, text)
        cpps.append(cpp_path)
        models.append(t.model)
    lib_cpp = os.path.join(out_dir, "mod_func.cpp")
    _write_if_changed(lib_cpp, library_source(models))
    cpps.append(lib_cpp)

    # compile (cached per object by the C++ text)
    cache = os.path.join(out_dir, ".objcache")
    os.makedirs(cache, exist_ok=True)
    objs: List[str] = []
    todo = []
    for cpp in cpps:
        with open(cpp, "rb") as f:
            key = hashlib.sha256(tool.encode() + f.read()).hexdigest()[:32]
        obj = os.path.join(cache, "%s-%s.o" % (os.path.splitext(os.path.basename(cpp))[0], key))
        objs.append(obj)
        if not os.path.exists(obj):
            todo.append((cpp, obj))
    errors = []
    if todo:
        with cf.ThreadPoolExecutor(max_workers=_jobs()) as ex:
            work = ex.map(lambda a: _compile(a[0], a[1], out_dir, native, cflags), todo)
            for (cpp, obj), err in zip(todo, work):
                if err:
                    errors.append(err)
    if errors:
        raise BuildError(_explain(errors))
    tmp = lib + ".tmp"
    r = _run([compiler(), "-shared", "-o", tmp] + objs + list(ldflags) + link_libs(native), out_dir)
    if r.returncode != 0:
        raise BuildError(r.stdout.decode(errors="replace"))
    os.replace(tmp, lib)
    _prune_cache(cache, set(objs))
    mech_names = [m.name for m in models]
    _write_manifest(manifest_path, {"tool": tool, "mods": keys, "mechanisms": mech_names})
    return BuildResult(lib, mech_names, True)


def _explain(errors: List[str]) -> str:
    out = []
    for e in errors:
        lines = [ln for ln in e.splitlines() if ln.strip()]
        out.append("\n".join(lines[:60]))
    return "C++ compilation failed:\n" + "\n".join(out)


def _write_if_changed(path: str, text: str) -> None:
    try:
        with open(path) as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path, "w") as f:
        f.write(text)


def _read_manifest(path: str) -> dict:
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def _write_manifest(path: str, data: dict) -> None:
    with open(path + ".tmp", "w") as f:
        json.dump(data, f, indent=1)
    os.replace(path + ".tmp", path)


def _prune_cache(cache: str, keep: set) -> None:
    for f in os.listdir(cache):
        p = os.path.join(cache, f)
        if p not in keep:
            try:
                os.remove(p)
            except OSError:
                pass


# ---------------------------------------------------------------------------- user cache

def user_cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "neuron-py")


def compile_mod_files(paths: Sequence[str], out_dir: Optional[str] = None,
                      progress: Optional[Callable[[str], None]] = None) -> str:
    """Build `paths` into a library and return its path.  Without out_dir the library goes to
    the user cache ($XDG_CACHE_HOME/neuron-py/<hash of the sources and tools>/), so a given
    set of .mod files is compiled once per machine."""
    mods = sorted(os.path.abspath(p) for p in paths)
    if out_dir is None:
        h = hashlib.sha256(_tool_key(native=True).encode())
        for p in mods:
            h.update(p.encode())
            h.update(source_key(p).encode())
        out_dir = os.path.join(user_cache_dir(), h.hexdigest()[:24])
        lib = os.path.join(out_dir, LIBNAME)
        if os.path.exists(lib):
            return lib
        os.makedirs(os.path.dirname(out_dir), exist_ok=True)
        work = tempfile.mkdtemp(prefix="build-", dir=os.path.dirname(out_dir))
        try:
            res = build_library(mods, work, progress, native=True)
            try:
                os.replace(work, out_dir)
            except OSError:
                if not os.path.exists(lib):   # another process may have won the race
                    raise
                shutil.rmtree(work, ignore_errors=True)
            return lib if os.path.exists(lib) else res.library
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    return build_library(mods, out_dir, progress).library
