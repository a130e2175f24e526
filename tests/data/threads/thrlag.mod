: LAG: a current driven by v as it was tau ago (thread safe for nocmodl).
NEURON { SUFFIX thrlag NONSPECIFIC_CURRENT i RANGE g, y, tau }
PARAMETER { g = 0.002 (S/cm2) tau = 0.3 (ms) }
ASSIGNED { v (mV) i (mA/cm2) y (mV) }
BREAKPOINT {
    LAG v BY tau
    y = lag_v_tau
    i = g*(v - y)
}
