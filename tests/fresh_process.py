"""Run test code in a fresh interpreter: the models of some tests must not share the process
(thread counts, global settings, other sections, mechanisms built for the test)."""
import json
import os
import subprocess
import sys
import textwrap
from typing import Dict, Optional

_TEMPLATE = """
import json
import neuron_core
neuron_core.load_library_file(%r)
from neuron import h, numpy_element_ref
out = {}
%s
print("RESULT " + json.dumps(out))
"""


def run_with_library(library: str, body: str, cwd: str) -> dict:
    """Runs `body` (which fills the dict `out`) after loading `library`; returns `out`."""
    r = run_python(_TEMPLATE % (library, body), cwd)
    assert r.returncode == 0, r.stderr
    line = [x for x in r.stdout.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


def run_python(code: str, cwd=None, env: Optional[dict] = None) -> subprocess.CompletedProcess:
    """`code` (dedented) in a new interpreter, output captured; the caller checks the result."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=None if cwd is None else str(cwd),
                          capture_output=True, text=True, env=env)


def build_mod_files(folder, files: Dict[str, str]) -> None:
    """Write .mod files (name -> text) into folder and build them there with the nrnivmodl
    installed beside this interpreter, so that `import neuron` in that folder loads them."""
    for name, text in files.items():
        (folder / name).write_text(text)
    nrnivmodl = os.path.join(os.path.dirname(sys.executable), "nrnivmodl")
    r = subprocess.run([nrnivmodl], cwd=str(folder), capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
