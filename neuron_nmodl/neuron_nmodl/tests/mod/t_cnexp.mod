: DERIVATIVE solved with cnexp: x' = (xinf - x)/tau is integrated exactly over dt.
NEURON { SUFFIX tcnexp RANGE xinf, tau }
PARAMETER { xinf = 2  tau = 3 (ms) }
STATE { x y }
INITIAL { x = 0  y = 1 }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d {
    x' = (xinf - x)/tau
    y' = 0.5
}
