: scopmath's legacy random numbers (scop_random, set_seed, exprand, normrand, poisrand)
NEURON {
    SUFFIX scoprand
}

PROCEDURE seed(s) {
    set_seed(s)
}

FUNCTION uniform() {
    uniform = scop_random()
}

FUNCTION expo(mean) {
    expo = exprand(mean)
}

FUNCTION nrm(mean, sd) {
    nrm = normrand(mean, sd)
}

FUNCTION poiss(mean) {
    poiss = poisrand(mean)
}
