: NET_RECEIVE code that assigns v moves the membrane potential (v is the node's at entry).
NEURON { POINT_PROCESS tnrv RANGE jump, seen NONSPECIFIC_CURRENT i }
PARAMETER { jump = 7 (mV) }
ASSIGNED { v (mV) i (nA) seen (mV) }
INITIAL { net_send(0, 1) }
BREAKPOINT { i = 0 }
NET_RECEIVE (w) {
    seen = v
    v = v + jump
}
