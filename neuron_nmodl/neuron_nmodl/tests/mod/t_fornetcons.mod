NEURON { POINT_PROCESS tfnc RANGE total }
ASSIGNED { total }
NET_RECEIVE (w) {
    total = 0
    FOR_NETCONS (x) { total = total + x }
}
