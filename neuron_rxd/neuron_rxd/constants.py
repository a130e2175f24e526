"""Physical constants rxd converts units with (CODATA 2018, as NEURON 9)."""

NA_modern = 6.02214076e23
FARADAY = 96485.33212331001  # C/mol


def NA() -> float:
    """Avogadro's number (1/mol)."""
    return NA_modern


def molecules_per_mM_um3() -> float:
    """Molecules in 1 um3 at 1 mM."""
    return NA() / 1e18
