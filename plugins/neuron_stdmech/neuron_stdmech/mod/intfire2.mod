COMMENT
IntFire2: integrate-and-fire cell driven by a synaptic current.  The current i relaxes to
the bias ib with time constant taus and jumps by w on each event; the membrane m integrates
i with time constant taum (taum < taus) and the cell fires when m crosses 1 (then m = 0).
The firing time is found analytically with Newton iterations on
1 = a + b*x^r + c*x, x = exp(-t/taum), r = taum/taus, and managed with self-events.
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL IntFire2
    RANGE taus, taum, ib, i, m
}

PARAMETER {
    taus = 20 (ms)
    taum = 10 (ms)
    ib = 0
}

ASSIGNED {
    i
    m
    t0 (ms)
}

FUNCTION M() {
    LOCAL x, f
    f = taus/(taus - taum)
    x = (i - ib)*exp(-(t - t0)/taus)
    M = ib + f*x + (m - (ib + (i - ib)*f))*exp(-(t - t0)/taum)
}

FUNCTION I() {
    LOCAL x, f
    f = taus/(taus - taum)
    x = (i - ib)*exp(-(t - t0)/taus)
    I = x + ib
}

INITIAL {
    i = ib
    m = 0
    if (taus <= taum) {
        taus = taum + .1
    }
    t0 = t
    net_send(firetime(ib, 0, 0), 1)
}

NET_RECEIVE (w) {
    LOCAL x, inew, f, ibf
    f = taus/(taus - taum)
    x = (i - ib)*exp(-(t - t0)/taus)
    inew = ib + x
    if (flag == 1) {
        : the predicted firing time has come
        net_event(t)
        m = 0
        ibf = (inew - ib)*f
        net_send(firetime(ib, ibf, 0), 1)
    } else {
        m = ib + f*x + (m - (ib + (i - ib)*f))*exp(-(t - t0)/taum)
        inew = inew + w
        if (m >= 1) {
            net_move(t)
        } else {
            ibf = (inew - ib)*f
            net_move(firetime(ib, ibf, m) + t)
        }
    }
    t0 = t
    i = inew
}

FUNCTION firetime(a, b, c) (ms) {
    : the first t > 0 with 1 = a + b*exp(-t/taus) + (c - a - b)*exp(-t/taum),
    : or 1e9 when m never reaches 1 (requires c < 1, taum < taus)
    LOCAL r, cab, x, m, f
    r = taum/taus
    if (a <= 1 && a + b <= 1) {
        firetime = 1e9
    } else if (a > 1 && b <= 0) {
        : exactly one solution; start Newton where it converges
        cab = c - a - b
        m = r*b + cab
        if (m >= 0) {
            firetime = -taus*log(newton1(a, cab, b, 1/r, 0))
        } else {
            x = (1 - c + m)/m
            if (x <= 0) {
                firetime = -taus*log(newton1(a, cab, b, 1/r, 0))
            } else {
                firetime = -taum*log(newton1(a, b, cab, r, x))
            }
        }
    } else {
        : a solution exists only if the maximum of m exceeds 1
        cab = c - a - b
        x = (-cab/(r*b))^(1/(r - 1))
        f = a + b*x^r + cab*x
        if (x >= 1 || f <= 1) {
            firetime = 1e9
        } else {
            m = r*b + cab
            x = (1 - c + m)/m
            firetime = -taum*log(newton1(a, b, cab, r, x))
        }
    }
}

FUNCTION newton1(a, b, c, r, x) {
    : solve 1 = a + b*x^r + c*x for 0 < x <= 1 starting at x
    LOCAL dx, f, df, iter, xm
    dx = 1
    f = 0
    iter = 0
    while (fabs(dx) > 1e-6 || fabs(f - 1) > 1e-6) {
        f = a + b*x^r + c*x
        df = r*b*x^(r - 1) + c
        dx = (1 - f)/df
        x = x + dx
        if (x <= 0) {
            x = 1e-4
        } else if (x > 1) {
            x = 1
        }
        iter = iter + 1
        if (iter == 6 && r < 1) {
            xm = (-c/(r*b))^(1/(r - 1))
        }
        if (iter > 10) {
            printf("Intfire2 iter %g x=%g f=%g df=%g dx=%g a=%g b=%g c=%g r=%g\n", iter, x, f, df, dx, a, b, c, r)
            f = 1
            dx = 0
        }
    }
    newton1 = x
}
