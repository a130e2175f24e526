: SOLVE in PROCEDUREs: nocmodl does the solve where the statement stands (a DERIVATIVE
: block advanced over dt, a PROCEDURE called), here from INITIAL and from hoc.
NEURON { SUFFIX tsolveproc RANGE k, calls }
PARAMETER { k = 0.3 }
ASSIGNED { calls }
STATE { u w }
INITIAL { u = 1  w = 2  calls = 0  again() }
BREAKPOINT { SOLVE d METHOD derivimplicit }
PROCEDURE again() {
    SOLVE d METHOD derivimplicit
    if (u < 2) { SOLVE count }
}
DERIVATIVE d { u' = -k * u  w' = -u * w }
PROCEDURE count() { calls = calls + 1 }
