: NEURON's guarded exp, exprelr, nrn_ghk, math library.
NEURON { SUFFIX tbuilt }
FUNCTION e(x) { e = exp(x) }
FUNCTION er(x) { er = exprelr(x) }
FUNCTION gk(v, ci, co, z) { gk = nrn_ghk(v, ci, co, z) }
FUNCTION m(x) { m = sqrt(x) + log(x) + log10(x) + fabs(-x) + pow(x, 2) + floor(x) + ceil(x) + atan2(x, 1) }
