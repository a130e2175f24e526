: NET_RECEIVE reads v: the instance keeps the v of the last callback (here: states).
NEURON { POINT_PROCESS tvread RANGE vseen, tau NONSPECIFIC_CURRENT i }
PARAMETER { tau = 1 (ms) }
ASSIGNED { v (mV) i (nA) vseen (mV) }
STATE { s }
BREAKPOINT {
    SOLVE st METHOD cnexp
    i = 0
}
DERIVATIVE st { s' = -s/tau }
NET_RECEIVE(w) { vseen = v }
