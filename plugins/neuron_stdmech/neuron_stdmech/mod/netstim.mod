COMMENT
NetStim: an artificial spike generator.  After `start` it emits `number` events separated by
`interval` ms, or, with noise in (0,1], intervals (1 - noise)*interval + noise*interval*X
with X exponential of mean 1 (the first at start + noise*interval on average).  The random
numbers come from the per-instance RANDOM stream `ranvar` (Random123); seed(x) sets its
sequence, noiseFromRandom123(id1, id2[, id3]) its identifiers, noiseFromRandom(r) those of a
Random using Random123.  An external event with
positive weight starts a train when none is running; a negative weight stops the train.
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL NetStim
    THREADSAFE
    RANGE interval, number, start
    RANGE noise
    RANDOM ranvar
}

PARAMETER {
    interval = 10 (ms) <1e-9,1e9>
    number = 10 <0,1e9>
    start = 50 (ms)
    noise = 0 <0,1>
}

ASSIGNED {
    event (ms)
    on
    ispike
}

INITIAL {
    seed(0)
    on = 0
    ispike = 0
    if (noise < 0) {
        noise = 0
    }
    if (noise > 1) {
        noise = 1
    }
    if (start >= 0 && number > 0) {
        on = 1
        : on average the first spike is at start + noise*interval, never before 0
        event = start + invl(interval) - interval*(1. - noise)
        if (event < 0) {
            event = 0
        }
        net_send(event, 3)
    }
}

PROCEDURE init_sequence(t (ms)) {
    if (number > 0) {
        on = 1
        event = 0
        ispike = 0
    }
}

FUNCTION invl(mean (ms)) (ms) {
    if (mean <= 0.) {
        mean = .01 (ms)
    }
    if (noise == 0) {
        invl = mean
    } else {
        invl = (1. - noise)*mean + noise*mean*erand()
    }
}

FUNCTION erand() {
    erand = random_negexp(ranvar)
}

PROCEDURE next_invl() {
    if (number > 0) {
        event = invl(interval)
    }
    if (ispike >= number) {
        on = 0
    }
}

NET_RECEIVE (w) {
    if (flag == 0) {
        : an external event: a positive weight turns a stopped generator on,
        : a negative one stops it
        if (w > 0 && on == 0) {
            init_sequence(t)
            next_invl()
            event = event - interval*(1. - noise)
            net_send(event, 1)
        } else if (w < 0) {
            on = 0
        }
    }
    if (flag == 3) {
        : the start, unless an external event already stopped the generator
        if (on == 1) {
            init_sequence(t)
            net_send(0, 1)
        }
    }
    if (flag == 1 && on == 1) {
        ispike = ispike + 1
        net_event(t)
        next_invl()
        if (on == 1) {
            net_send(event, 1)
        }
    }
}

PROCEDURE seed(x) {
    random_setseq(ranvar, x)
}

PROCEDURE noiseFromRandom123() {
VERBATIM
    if (ifarg(3)) {
        _nmodl_rt::random_setids(ranvar, *getarg(1), *getarg(2), *getarg(3));
    } else if (ifarg(2)) {
        _nmodl_rt::random_setids(ranvar, *getarg(1), *getarg(2), 0.);
    }
    _nmodl_rt::random_setseq(ranvar, 0.);
ENDVERBATIM
}

PROCEDURE noiseFromRandom() {
    : the stream of a Random123 Random (its identifiers; INITIAL restarts the sequence)
VERBATIM
    if (ifarg(1)) {
        Rand* r = nrn_random_arg(1);
        uint32_t id1, id2, id3;
        if (r && !nrn_random_isran123(r, &id1, &id2, &id3)) {
            hoc_execerror("NetStim: Random.Random123 generator is required.", 0);
        } else if (r) {
            _nmodl_rt::random_setids(ranvar, id1, id2, id3);
            _nmodl_rt::random_setseq(ranvar, 0.);
        }
    }
ENDVERBATIM
}
