: C functions of the file's VERBATIM code use range variables: NEURON allows it when the
: mechanism is not thread safe (its instance data are then file-level).
NEURON { SUFFIX tfscope RANGE a, b, n }
PARAMETER { a = 2 }
ASSIGNED { b n }
VERBATIM
static void bump(double x) { b = a * x + n; n += 1; }
ENDVERBATIM
INITIAL { n = 0  b = 0 }
PROCEDURE twice(x) {
VERBATIM
    bump(_lx); bump(_lx);
ENDVERBATIM
}
BREAKPOINT {
VERBATIM
    bump(t);
ENDVERBATIM
}
PROCEDURE inc() { n = n + 10 }
FUNCTION viainc() {
VERBATIM
    inc();   /* a call without arguments from VERBATIM code */
    _lviainc = n;
ENDVERBATIM
}
