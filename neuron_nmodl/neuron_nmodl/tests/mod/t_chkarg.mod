: NEURON's helpers for VERBATIM code of user functions, declared as model files do (old C
: style): chkarg (an argument checked against a range), hoc_pgargstr (a string argument),
: hoc_assign_str (a fresh copy in a char*).
NEURON { SUFFIX tchkarg }
VERBATIM
extern double chkarg();
extern char** hoc_pgargstr();
extern void hoc_assign_str();
static char* saved;
ENDVERBATIM
FUNCTION scaled() {
VERBATIM
    _lscaled = 10. * chkarg(1, 0., 5.);
ENDVERBATIM
}
FUNCTION keeplen() {
VERBATIM
    char** ps = hoc_pgargstr(1);
    hoc_assign_str(&saved, *ps);
    _lkeeplen = (double) strlen(saved) + (saved[0] == 'x');
ENDVERBATIM
}
