"""NEURON's standard mechanisms as .mod files, registered through the `neuron` plugin hooks."""
import glob
import os

MOD_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mod")


def mod_files():
    """The .mod files of the standard mechanisms (sorted, absolute paths)."""
    return sorted(glob.glob(os.path.join(MOD_DIR, "*.mod")))
