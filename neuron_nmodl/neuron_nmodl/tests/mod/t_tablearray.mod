: TABLE of array variables: each element gets its own table (nocmodl's _t_name[size][WITH+1]).
NEURON { SUFFIX ttabarr RANGE s GLOBAL k }
PARAMETER { k = 0.1 }
ASSIGNED { inf[3] tau[2] s }
PROCEDURE rates(v) {
    TABLE inf, s, tau DEPEND k FROM -100 TO 100 WITH 40
    FROM i = 0 TO 2 {
        inf[i] = 1 / (1 + exp(-k * (v + 10 * i)))
    }
    tau[0] = exp(k * v / 3)
    tau[1] = 2 + sin(v / 7)
    s = v * v
}
FUNCTION probe(v, j) {
    rates(v)
    if (j < 3) {
        probe = inf[j]
    } else if (j < 5) {
        probe = tau[j - 3]
    } else {
        probe = s
    }
}
