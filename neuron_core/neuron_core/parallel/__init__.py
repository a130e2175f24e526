"""ParallelContext: gid networks, spike exchange over MPI (mpi4py, optional), collectives,
the bulletin board and gap-junction transfer.

Serial use needs nothing beyond the engine; MPI is used only when asked for (see world.py).
"""
from .context import ParallelContext
from .world import nrnmpi_init

__all__ = ["ParallelContext", "nrnmpi_init"]
