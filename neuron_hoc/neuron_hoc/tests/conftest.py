"""The standard mechanisms (hh, pas...) come with the `neuron` package's plugins."""
try:
    import neuron  # noqa: F401  (loads the mechanism plugins)
except ImportError:  # the pure-language tests run without it
    pass
