: Bimolecular scheme (nonlinear Newton loop), a source flux and a sink, COMPARTMENT volumes.
NEURON { SUFFIX tkin2 RANGE kon, koff, src, ksink, vol }
PARAMETER { kon = 2 koff = 0.5 src = 0.1 ksink = 0.2 vol = 2 }
STATE { C X CX }
INITIAL { C = 1 X = 0.5 CX = 0 }
BREAKPOINT { SOLVE k METHOD sparse }
KINETIC k {
    COMPARTMENT vol { C X CX }
    ~ C + X <-> CX (kon, koff)
    ~ X << (src)
    ~ CX -> (ksink)
}
