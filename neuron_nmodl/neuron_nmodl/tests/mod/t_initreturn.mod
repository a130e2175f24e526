: A VERBATIM `return` in INITIAL ends that instance's INITIAL only (NEURON's INITIAL is a
: function per instance): every instance is initialised, the statements after it are skipped.
NEURON { SUFFIX tinitret RANGE x0 }
PARAMETER { x0 = 3 }
STATE { x }
INITIAL {
    x = x0
    VERBATIM
    return;
    ENDVERBATIM
    x = 99
}
BREAKPOINT { SOLVE st METHOD cnexp }
DERIVATIVE st { x' = -x }
