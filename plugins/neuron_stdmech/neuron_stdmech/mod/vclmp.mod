COMMENT
VClamp: two-electrode voltage clamp with three levels (dur[k], amp[k]) through a control
amplifier of the given gain and time constants (tau1 input, tau2 output) and an output
resistance rstim.  The amplifier's three voltages are states solved as a LINEAR system
each step; the current is recomputed after the voltage update so its recorded value is
consistent with the new v.  v is the potential inside the cell (v + vext with
extracellular); positive i depolarises.  Use with secondorder = 0 only (stiff).
ENDCOMMENT

DEFINE NSTEP 3

NEURON {
    POINT_PROCESS VClamp
    ELECTRODE_CURRENT i
    RANGE e0, vo0, vi0, dur, amp, gain, rstim, tau1, tau2, fac, i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    dur[NSTEP] (ms) <0, 1e9>
    amp[NSTEP] (mV)
    gain = 1e5 <0,1e9>
    rstim = 1 (megohm) <1e-9,1e9>
    tau1 = .001 (ms) <0,1e9>
    tau2 = 0 (ms) <0,1e9>
    e0 (mV)
    vo0 (mV)
    vi0 (mV)
    fac = 0 <1,10>
}

ASSIGNED {
    v (mV)
    dt (ms)
    i (nA)
    stim (mV)
    tc (ms)
}

STATE {
    e (mV)
    vo (mV)
    vi (mV)
}

INITIAL {
    e0 = 0
    vo = v
    vo0 = v
    vi = v
    vi0 = v
    e = 0
}

BREAKPOINT {
    SOLVE update METHOD after_cvode
    vstim()
    i = icur()
}

PROCEDURE vstim() {
    : the command of the interval holding t; tc ends the clamp
    LOCAL j, done
    tc = 0
    done = 0
    j = 0
    while (j < NSTEP && done == 0) {
        stim = amp[j]
        tc = tc + dur[j]
        if (t < tc) {
            tc = tc + 100
            done = 1
        }
        j = j + 1
    }
}

FUNCTION icur() (nA) {
    if (t > tc) {
        e0 = 0
        vo0 = 0
        icur = 0
    } else {
        SOLVE clamp
        icur = (vo - v)/rstim
    }
}

LINEAR clamp {
    LOCAL t1, t2
    t1 = tau1/dt
    t2 = tau2/dt
    ~ vi = v + fac*vo - fac*v
    ~ t2*vo - t2*vo0 + vo = -gain*e
    ~ -stim - e + vi - e + t1*vi - t1*e - t1*(vi0 - e0) = 0
}

PROCEDURE update() {
    i = icur()
    e0 = e
    vo0 = vo
    vi0 = vi
}
