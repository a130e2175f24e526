: LAG: a current driven by v as it was tau ago, and the lagged value of an ASSIGNED array.
NEURON { SUFFIX tlag NONSPECIFIC_CURRENT i RANGE g, y, z, tau }
PARAMETER { g = 0.002 (S/cm2) tau = 0.3 (ms) w = 0.5 (/ms) }
ASSIGNED { v (mV) i (mA/cm2) y (mV) z a[2] }
BREAKPOINT {
    LAG v BY tau
    y = lag_v_tau
    a[0] = v
    a[1] = 2*v + t
    LAG a BY tau
    z = lag_a_tau[1]
    i = g*(v - y) + 0.01*sin(w*t)
}
