COMMENT
VecStim: an artificial cell that emits an event at each time of a Vector, given with
vs.play(tvec) (times in ms, ascending, none before the current t at initialisation).
vs.play() with no argument stops it.  Used by NetPyNE and bmtk to replay spike trains.
`space` holds the Vector handle, `index` the next element (-1 when exhausted).
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL VecStim
    THREADSAFE
}

ASSIGNED {
    index
    etime (ms)
    space
}

INITIAL {
    index = 0
    element()
    if (index > 0) {
        net_send(etime - t, 1)
    }
}

NET_RECEIVE (w) {
    if (flag == 1) {
        net_event(t)
        element()
        if (index > 0) {
            net_send(etime - t, 1)
        }
    }
}

PROCEDURE element() {
    : etime = tvec[index] and advance, or index = -1 at the end
VERBATIM
    {
        int k = (int) index;
        if (k >= 0) {
            void* vv = *reinterpret_cast<void**>(&space);
            if (vv && k < vector_capacity(vv)) {
                etime = vector_vec(vv)[k];
                index += 1.;
            } else {
                index = -1.;
            }
        }
    }
ENDVERBATIM
}

PROCEDURE play() {
VERBATIM
    {
        void** vv = reinterpret_cast<void**>(&space);
        *vv = nullptr;
        if (ifarg(1)) {
            *vv = vector_arg(1);
        }
    }
ENDVERBATIM
}

PROCEDURE play_remove() {
VERBATIM
    *reinterpret_cast<void**>(&space) = nullptr;
ENDVERBATIM
}
