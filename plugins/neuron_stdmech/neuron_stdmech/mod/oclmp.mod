COMMENT
OClamp: voltage clamp for optimisation, on from t = on to t = off when switched_on != 0,
through series resistance rs (MOhm): i = (vc - v)/rs nA.  v is the potential inside the
cell (v + vext with extracellular).  i is recomputed after each step's voltage update.
ENDCOMMENT

NEURON {
    POINT_PROCESS OClamp
    ELECTRODE_CURRENT i
    RANGE on, off, rs, vc, i, switched_on
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    rs = 1 (megohm) <1e-9, 1e9>
    on = 0 (ms)
    off = 0 (ms)
    vc (mV)
    switched_on = 0
}

ASSIGNED {
    v (mV)
    i (nA)
    onflag
}

INITIAL {
    onflag = 0
}

BREAKPOINT {
    SOLVE icur METHOD after_cvode
    vstim()
}

PROCEDURE icur() {
    if (onflag) {
        i = (vc - v)/rs
    } else {
        i = 0
    }
}

PROCEDURE vstim() {
    onflag = 0
    if (switched_on) {
        onflag = 1
        at_time(on)
        at_time(off)
        if (t < on || t > off) {
            onflag = 0
        }
    }
    icur()
}
