"""Run a test body in a fresh interpreter with a compiled mechanism library loaded: the models
of some tests must not share the process (thread counts, global settings, other sections)."""
import json
import subprocess
import sys

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
    r = subprocess.run([sys.executable, "-c", _TEMPLATE % (library, body)],
                       capture_output=True, text=True, cwd=cwd)
    assert r.returncode == 0, r.stderr
    line = [x for x in r.stdout.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])
