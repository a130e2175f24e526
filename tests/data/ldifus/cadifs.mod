: Calcium in NSHELL concentric shells (cadifus style): radial diffusion between the shells,
: a buffer in each shell, entry of ica into the outer shell, a slow extrusion toward cainf,
: and longitudinal diffusion of every shell along the cable.
NEURON {
    SUFFIX cadifs
    USEION ca READ cai, ica WRITE cai
    GLOBAL vrat, TotalBuffer
    RANGE DCa, tau_ext
}

DEFINE NSHELL 4

UNITS {
    (molar) = (1/liter)
    (mM) = (millimolar)
    (um) = (micron)
    (mA) = (milliamp)
    FARADAY = (faraday) (10000 coulomb)
    PI = (pi) (1)
}

PARAMETER {
    DCa = 0.6 (um2/ms)
    k1buf = 100 (/mM-ms)
    k2buf = 0.1 (/ms)
    TotalBuffer = 0.003 (mM)
    cainf = 5e-5 (mM)
    tau_ext = 20 (ms)
}

ASSIGNED {
    diam (um)
    ica (mA/cm2)
    cai (mM)
    vrat[NSHELL]
    Kd (/mM)
    B0 (mM)
}

STATE {
    ca[NSHELL] (mM) <1e-10>
    CaBuffer[NSHELL] (mM)
    Buffer[NSHELL] (mM)
}

BREAKPOINT { SOLVE state METHOD sparse }

LOCAL factors_done

INITIAL {
    if (factors_done == 0) {
        factors_done = 1
        factors()
    }
    Kd = k1buf/k2buf
    B0 = TotalBuffer/(1 + Kd*cai)
    FROM i=0 TO NSHELL-1 {
        ca[i] = cai
        Buffer[i] = B0
        CaBuffer[i] = TotalBuffer - B0
    }
}

LOCAL frat[NSHELL]

: shell volumes per length (vrat, times diam^2) and radial coupling areas over
: distances (frat, times diam) for a unit diameter; the outer shell is half as thick
PROCEDURE factors() {
    LOCAL r, dr2
    r = 1/2
    dr2 = r/(NSHELL - 1)/2
    vrat[0] = 0
    frat[0] = 2*r
    FROM i=0 TO NSHELL-2 {
        vrat[i] = vrat[i] + PI*(r - dr2/2)*2*dr2
        r = r - dr2
        frat[i+1] = 2*PI*r/(2*dr2)
        r = r - dr2
        vrat[i+1] = PI*(r + dr2/2)*2*dr2
    }
}

LOCAL dsq, dsqvol

KINETIC state {
    COMPARTMENT i, diam*diam*vrat[i] {ca CaBuffer Buffer}
    LONGITUDINAL_DIFFUSION i, DCa*diam*diam*vrat[i] {ca}
    ~ ca[0] << (-ica*PI*diam/(2*FARADAY))
    ~ ca[0] << ((cainf - ca[0])*diam*diam*vrat[0]/tau_ext)
    FROM i=0 TO NSHELL-2 {
        ~ ca[i] <-> ca[i+1] (DCa*frat[i+1], DCa*frat[i+1])
    }
    dsq = diam*diam
    FROM i=0 TO NSHELL-1 {
        dsqvol = dsq*vrat[i]
        ~ ca[i] + Buffer[i] <-> CaBuffer[i] (k1buf*dsqvol, k2buf*dsqvol)
    }
    cai = ca[0]
}
