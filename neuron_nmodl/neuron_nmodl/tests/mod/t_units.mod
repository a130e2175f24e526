NEURON { SUFFIX tunits }
UNITS {
    (mV) = (millivolt)
    (mM) = (milli/liter)
    FARADAY = (faraday) (coulomb)
    R = (k-mole) (joule/degC)
    KF = (faraday) (kilocoulombs)
    UM2CM = (micron) (cm)
    PI = (pi) (1)
    MYF = 96520 (coul)
}
CONSTANT { two = 2 }
FUNCTION get(i) {
    if (i == 0) { get = FARADAY }
    if (i == 1) { get = R }
    if (i == 2) { get = KF }
    if (i == 3) { get = UM2CM }
    if (i == 4) { get = PI }
    if (i == 5) { get = MYF }
    if (i == 6) { get = two }
}
