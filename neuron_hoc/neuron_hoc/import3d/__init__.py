"""Morphology import (NEURON's Import3d): readers turn files into Import3d sections; `build`
creates the NEURON sections from them, at the top level or inside a cell object."""
