NEURON { ARTIFICIAL_CELL tart RANGE when }
PARAMETER { when = 4 (ms) }
INITIAL { net_send(10, 1) }
NET_RECEIVE (w) {
    if (flag == 0) { net_move(t + when) }
    if (flag == 1) { net_event(t) }
}
