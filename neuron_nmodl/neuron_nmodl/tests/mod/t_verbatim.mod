: VERBATIM: C++ with NEURON's names (range variables, t, dt, v, LOCALs as _l<name>,
: function arguments, a helper defined in a top-level block).
NEURON { SUFFIX tverb RANGE a, b }
PARAMETER { a = 3 }
ASSIGNED { b v (mV) }
VERBATIM
static double twice(double x) { return 2.0 * x; }
ENDVERBATIM
FUNCTION f(x) {
    LOCAL y
    y = x + 1
VERBATIM
    _lf = twice(_ly) + a + _lx;
ENDVERBATIM
}
PROCEDURE settime() {
VERBATIM
    b = t + dt;
ENDVERBATIM
}
FUNCTION getb() { getb = b }
