"""Solver options, as module attributes (NEURON's `rxd.options`)."""
from dataclasses import dataclass

# kept for compatibility: the Jacobian always includes the reactions
use_reaction_contribution_to_jacobian = True

# where the concentration of a 3-D segment is read for the engine: its surface voxels
concentration_nodes_3d = "surface"

# how far inside a voxel must be to count as inside (round-off allowance), um
ics_distance_threshold = -1e-12

# sampling resolution (relative to dx) of partial volumes and areas of surface voxels
ics_partial_volume_resolution = 2
ics_partial_surface_resolution = 1

# electrophysiology fixed steps per rxd step (only 1 is supported numerically)
fixed_step_factor = 1


@dataclass
class _OverrideLockouts:
    extracellular: bool = True


enable = _OverrideLockouts()
