: FUNCTION_TABLEs of one, two and three arguments, filled by table_<name>(...).
NEURON { SUFFIX tftab }
FUNCTION_TABLE tau(v (mV)) (ms)
FUNCTION_TABLE tau2(v (mV), x) (ms)
FUNCTION_TABLE f3(a, b, c)
FUNCTION gettau(x) { gettau = tau(x) }
FUNCTION get2(a, b) { get2 = tau2(a, b) }
FUNCTION get3(a, b, c) { get3 = f3(a, b, c) }
