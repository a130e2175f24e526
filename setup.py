"""Dependencies of the meta distribution point at the component distributions by local path,
so that installing from a clone never resolves them from the package index (where the name
`neuron` belongs to the official NEURON)."""
import pathlib

from setuptools import setup

HERE = pathlib.Path(__file__).resolve().parent


def local(name, folder):
    return f"{name} @ {(HERE / folder).as_uri()}"


CORE = [
    "numpy>=1.22", "pluggy>=1.0", "cffi>=1.15", "setuptools",
    local("neuron-core", "neuron_core"),
    local("neuron-nmodl", "neuron_nmodl"),
    local("neuron-hoc", "neuron_hoc"),
    local("neuron-stdmech", "plugins/neuron_stdmech"),
    local("neuron-vecstim", "plugins/neuron_vecstim"),
]
EXTRAS = {
    "rxd": [local("neuron-rxd", "neuron_rxd")],
    "mpi": ["mpi4py"],
    "plot": ["matplotlib"],
    "test": ["pytest"],
}
EXTRAS["all"] = sorted({d for deps in EXTRAS.values() for d in deps})

setup(install_requires=CORE, extras_require=EXTRAS)
