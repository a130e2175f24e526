: A passive leak with its own name, shipped by a third-party plugin.
NEURON {
    SUFFIX leakdemo
    NONSPECIFIC_CURRENT i
    RANGE g, e
}
PARAMETER {
    g = 0.0002 (S/cm2)
    e = -60 (mV)
}
ASSIGNED {
    v (mV)
    i (mA/cm2)
}
BREAKPOINT {
    i = g * (v - e)
}
