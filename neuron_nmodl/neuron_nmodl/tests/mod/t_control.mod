: FUNCTIONs (recursive), PROCEDURE arguments, LOCAL arrays, if/else, while, FROM loops.
NEURON { SUFFIX tctl RANGE acc }
ASSIGNED { acc }
FUNCTION fact(n) {
    if (n <= 1) { fact = 1 } else { fact = n*fact(n - 1) }
}
FUNCTION fib(n) {
    if (n < 2) {
        fib = n
    } else if (n < 3) {
        fib = 1
    } else {
        fib = fib(n - 1) + fib(n - 2)
    }
}
FUNCTION loops(n) {
    LOCAL i, s, w[5]
    s = 0
    FROM i = 0 TO 4 { w[i] = i*i }
    FROM i = 0 TO 4 BY 2 { s = s + w[i] }
    i = 0
    while (i < n) {
        s = s + 1
        i = i + 1
    }
    loops = s
}
FUNCTION ops(a, b) {
    : precedence: -2^2 = -4, 2^3^2 = 512
    ops = -a^2 + 2^3^2 + (a > b) + (a == a && b != a) + !(a < b) + fmod(7, 4)
}
PROCEDURE addto(x) {
    x = x*10
    acc = acc + x
}
FUNCTION getacc() { getacc = acc }
