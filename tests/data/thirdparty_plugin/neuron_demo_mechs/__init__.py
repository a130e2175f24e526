"""A third-party mechanism package: .mod files and an entry point, nothing else."""
