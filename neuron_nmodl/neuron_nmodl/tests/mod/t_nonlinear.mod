NEURON { SUFFIX tnonlin RANGE c }
PARAMETER { c = 2 }
STATE { x }
INITIAL { x = 1  SOLVE eq }
NONLINEAR eq { ~ x*x = c }
