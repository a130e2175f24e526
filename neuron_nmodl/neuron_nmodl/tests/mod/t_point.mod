: POINT_PROCESS current (nA) and conductance (uS) are scaled by 100/area onto the node.
NEURON { POINT_PROCESS tpoint NONSPECIFIC_CURRENT i RANGE g, e }
PARAMETER { g = 0.002 (uS) e = 10 (mV) }
ASSIGNED { v (mV) i (nA) }
BREAKPOINT { i = g*(v - e) }
