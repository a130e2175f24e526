"""Finding and running HOC files: load_file (once), xopen (always), the library search
path (cwd, $HOC_LIBRARY_PATH, the registered library folders) and `$(NAME)` expansion."""
from __future__ import annotations

import os
import re
from typing import Optional

from .errors import HocError


class FileRunner:
    """Mixin of the Interpreter (uses run_text, warning, library_paths, loaded_files)."""

    def load_file(self, name: str, force: bool = False) -> bool:
        """load_file: run a file once (again when forced); False when it is not found."""
        path = self.find_file(name)
        if path is None:
            self.warning("Couldn't find: %s" % name)
            return False
        real = os.path.realpath(path)
        if real in self.loaded_files and not force:
            return True
        self.loaded_files.add(real)
        self.run_file(path)
        return True

    def xopen(self, name: str) -> None:
        name = self.expand(name)
        path = name if os.path.isfile(name) else self.find_file(name)
        if path is None:
            raise HocError("Can't open  %s" % name)
        self.run_file(path, chdir=False)

    def find_definition(self, rx) -> Optional[str]:
        """The first library file whose text matches rx (load_proc, load_template...)."""
        dirs = os.environ.get("HOC_LIBRARY_PATH", "").replace(":", " ").split()
        for d in [os.getcwd()] + dirs + self.library_paths:
            try:
                names = sorted(os.listdir(d))
            except OSError:
                continue
            for n in names:
                if n.endswith(".hoc"):
                    p = os.path.join(d, n)
                    try:
                        with open(p, "r", errors="replace") as f:
                            if rx.search(f.read()):
                                return p
                    except OSError:
                        continue
        return None

    def expand(self, name: str) -> str:
        """`$(NAME)` in file names: the environment variable (NEURONHOME: neuronhome())."""
        def sub(m):
            var = m.group(1)
            if var == "NEURONHOME":
                return os.environ.get("NEURONHOME") or self.G["_b_neuronhome"]()
            return os.environ.get(var, "")
        return re.sub(r"\$\((\w+)\)", sub, name)

    def find_file(self, name: str) -> Optional[str]:
        """cwd (or the absolute path), $HOC_LIBRARY_PATH, then the registered libraries."""
        name = self.expand(name)
        if os.path.isabs(name):
            return name if os.path.isfile(name) else None
        if os.path.isfile(name):
            return os.path.abspath(name)
        dirs = []
        env = os.environ.get("HOC_LIBRARY_PATH", "")
        for part in env.replace(":", " ").split():
            dirs.append(part)
        dirs.extend(self.library_paths)
        for d in dirs:
            p = os.path.join(d, name)
            if os.path.isfile(p):
                return os.path.abspath(p)
        return None

    def run_file(self, path: str, chdir: bool = True) -> None:
        """Run a HOC file; load_file runs it in its own folder, as NEURON does."""
        with open(path, "r", encoding="utf-8", errors="replace") as f:
            text = f.read()
        cwd = os.getcwd()
        folder = os.path.dirname(path)
        self.file_stack.append(path)
        try:
            if folder and chdir:
                os.chdir(folder)
            self.run_text(text, _display_name(path, cwd))
        finally:
            self.file_stack.pop()
            os.chdir(cwd)


def _display_name(path: str, cwd: str) -> str:
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel
