COMMENT
APCount: counts upward crossings of thresh by v at its location (n), keeps the time of the
last one (time) and, after record(vec), appends every crossing time to vec.  A crossing is
counted once; the detector re-arms when v falls back below thresh.  `space` holds the
recording Vector handle.
ENDCOMMENT

NEURON {
    POINT_PROCESS APCount
    RANGE n, thresh, time, firing
    THREADSAFE
}

UNITS {
    (mV) = (millivolt)
}

PARAMETER {
    n
    thresh = -20 (mV)
    time (ms)
}

ASSIGNED {
    firing
    space
}

INITIAL {
    n = 0
    firing = 0
VERBATIM
    {
        void* vv = *reinterpret_cast<void**>(&space);
        if (vv) {
            vector_resize(vv, 0);
        }
    }
ENDVERBATIM
    check()
}

BREAKPOINT {
    SOLVE check METHOD after_cvode
}

PROCEDURE check() {
    if (v >= thresh && !firing) {
        firing = 1
        time = t
        n = n + 1
        append_time()
    }
    if (firing && v < thresh && t > time) {
        firing = 0
    }
}

PROCEDURE append_time() {
VERBATIM
    {
        void* vv = *reinterpret_cast<void**>(&space);
        if (vv) {
            int size = (int) n;
            vector_resize(vv, size);
            vector_vec(vv)[size - 1] = time;
        }
    }
ENDVERBATIM
}

PROCEDURE record() {
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
