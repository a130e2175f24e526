: NET_RECEIVE with a weight vector and its INITIAL block, self events, WATCH, net_event.
NEURON { POINT_PROCESS tnet RANGE count, last, thr NONSPECIFIC_CURRENT i }
PARAMETER { thr = -20 (mV) }
ASSIGNED { v (mV) i (nA) count last }
INITIAL { count = 0 last = -1 net_send(2, 7) }
BREAKPOINT { i = 0 }
NET_RECEIVE (w, n, tl) {
    INITIAL { n = 0 tl = -5 }
    if (flag == 0) {
        count = count + w
        n = n + 1
        tl = t
        net_send(1.5, 3)
    } else if (flag == 7) {
        WATCH (v > thr) 2
        last = t
    } else if (flag == 2) {
        net_event(t)
    } else if (flag == 3) {
        last = t
    }
}
