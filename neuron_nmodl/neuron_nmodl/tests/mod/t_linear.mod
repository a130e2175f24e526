: LINEAR block solved by SOLVE in INITIAL and called as a procedure.
NEURON { SUFFIX tlin RANGE a, b }
PARAMETER { a = 2 b = 3 }
STATE { x y }
INITIAL { SOLVE sys }
LINEAR sys {
    ~ a*x + y = 5
    ~ x - b*y = -1
}
FUNCTION getx() { getx = x }
FUNCTION gety() { gety = y }
