: VERBATIM code of older model files: a range variable named like a C library function
: (rand) before #include <stdlib.h>, a POINTER's `_p_name` used as an opaque handle,
: mechanism functions called with and without the thread arguments (not THREADSAFE).
NEURON { SUFFIX tverb3 RANGE rand POINTER hold }
PARAMETER { rand = 3 }
ASSIGNED { hold }
VERBATIM
#include <stdlib.h>
#include <math.h>
ENDVERBATIM
FUNCTION twice(x) { twice = 2 * x + rand }
FUNCTION calls(x) {
VERBATIM
    _lcalls = twice(_lx) + twice(_threadargscomma_ 10.);
ENDVERBATIM
}
FUNCTION handle() {
VERBATIM
    static double cell = 42.;
    void* saved = _p_hold;
    _p_hold = (void*) &cell;
    _lhandle = *(double*) _p_hold;
    _p_hold = saved;
ENDVERBATIM
}
