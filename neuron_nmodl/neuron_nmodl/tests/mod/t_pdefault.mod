: PARAMETER defaults keep 6 significant digits, as nocmodl's %g writes them (RANGE, GLOBAL
: and undeclared parameters alike); CONSTANTs and literals in code keep every digit.
NEURON { SUFFIX tpdef RANGE pr, big, res GLOBAL pg }
PARAMETER { pr = 1.23456789  pg = 2.71828182846  pn = 0.000123456789  big = 5061983 }
CONSTANT { cc = 1.23456789 }
ASSIGNED { res }
INITIAL { res = pr + pg }
FUNCTION fpn() { fpn = pn }
FUNCTION fcc() { fcc = cc }
FUNCTION flit() { flit = 1.23456789 }
