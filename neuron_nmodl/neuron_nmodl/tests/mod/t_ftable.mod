NEURON { SUFFIX tftab }
FUNCTION_TABLE tau(v (mV)) (ms)
FUNCTION get(x) { get = tau(x) }
