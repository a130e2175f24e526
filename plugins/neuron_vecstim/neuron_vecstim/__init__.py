"""VecStim as a .mod file, registered through the `neuron` plugin hooks."""
import glob
import os

MOD_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mod")


def mod_files():
    return sorted(glob.glob(os.path.join(MOD_DIR, "*.mod")))
