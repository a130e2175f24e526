"""Functions an NMODL file may call without declaring them: the C math library, NEURON's
built-ins and the legacy scopmath random functions.  Values: number of arguments (None =
any)."""

MATH = {
    "acos": 1, "asin": 1, "atan": 1, "atan2": 2, "ceil": 1, "cos": 1, "cosh": 1, "exp": 1,
    "fabs": 1, "floor": 1, "fmod": 2, "log": 1, "log10": 1, "pow": 2, "sin": 1, "sinh": 1,
    "sqrt": 1, "tan": 1, "tanh": 1, "erf": 1, "erfc": 1, "abs": 1, "exp2": 1, "log2": 1,
    "expm1": 1, "log1p": 1, "cbrt": 1, "hypot": 2, "fmin": 2, "fmax": 2, "round": 1,
    "trunc": 1, "lgamma": 1, "tgamma": 1,
}

NEURON = {
    "exprelr": 1, "nrn_ghk": 4, "at_time": 1, "net_send": 2, "net_event": 1, "net_move": 1,
    "printf": None, "fprintf": None, "prterr": None, "state_discontinuity": 2,
    "nrn_pointing": 1, "scop_random": 0, "exprand": 1, "normrand": 2, "poisrand": 1,
    "set_seed": 1, "random_setseq": 2, "random_setids": 4, "random_uniform": None,
    "random_negexp": None, "random_normal": None, "random_ipick": 1, "random_dpick": 1,
    "factorial": 1, "sigmoid": 4, "revsigmoid": 4, "hyperbol": 3, "revhyperbol": 3,
    "step": 2, "ramp": 2, "pulse": 3, "perpulse": 4, "perstep": 3, "squarewave": 2,
    "sawtooth": 2, "revsawtooth": 2, "harmonic": 5, "nrn_random_play": 0,
}

# Functions of scopmath that NEURON still lists but which we do not provide.
UNSUPPORTED = ("boundary", "romberg", "legendre", "invert", "stepforce", "schedule",
               "threshold", "deflate", "expfit", "force", "derivs", "spline", "poisson",
               "gauss", "simplex", "praxis")


def arity(name: str):
    if name in MATH:
        return MATH[name]
    return NEURON.get(name, -1)
