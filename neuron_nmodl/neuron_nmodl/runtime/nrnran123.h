// nrnran123.h -- Random123 (Philox4x32-10) streams for VERBATIM code of model files, with
// NEURON's conventions: the counter of a stream is {sequence, id3, id1, id2} and the key
// {global index, 0}; each Philox block gives four 32-bit words handed out in order, a word
// u becoming the double (u + 1)/(2^32 + 1).  Self-contained, so a mechanism library needs
// no engine symbol.
#ifndef NMODL_NRNRAN123_H
#define NMODL_NRNRAN123_H

#include <cmath>
#include <cstdint>
#include <cstdlib>

struct nrnran123_State {
    uint32_t c[4];
    uint32_t r[4];
    int which;
};

inline uint32_t& nrnran123_globalindex_ref() {
    static uint32_t g = 0;
    return g;
}
inline void nrnran123_set_globalindex(uint32_t gix) { nrnran123_globalindex_ref() = gix; }
inline uint32_t nrnran123_get_globalindex() { return nrnran123_globalindex_ref(); }

inline void nrnran123_philox(const uint32_t ctr[4], const uint32_t key_in[2], uint32_t out[4]) {
    uint32_t c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
    uint32_t k0 = key_in[0], k1 = key_in[1];
    for (int round = 0; round < 10; ++round) {
        uint64_t p0 = (uint64_t) 0xD2511F53u * c0;
        uint64_t p1 = (uint64_t) 0xCD9E8D57u * c2;
        uint32_t n0 = (uint32_t) (p1 >> 32) ^ c1 ^ k0;
        uint32_t n1 = (uint32_t) p1;
        uint32_t n2 = (uint32_t) (p0 >> 32) ^ c3 ^ k1;
        uint32_t n3 = (uint32_t) p0;
        c0 = n0;
        c1 = n1;
        c2 = n2;
        c3 = n3;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
}

inline void nrnran123_refill(nrnran123_State* s) {
    uint32_t key[2] = {nrnran123_get_globalindex(), 0};
    nrnran123_philox(s->c, key, s->r);
}

inline void nrnran123_setids(nrnran123_State* s, uint32_t id1, uint32_t id2, uint32_t id3) {
    s->c[1] = id3;
    s->c[2] = id1;
    s->c[3] = id2;
    nrnran123_refill(s);
}

inline void nrnran123_setseq(nrnran123_State* s, uint32_t seq, char which) {
    if (which > 3 || which < 0) {
        which = 0;
    }
    s->c[0] = seq;
    s->which = which;
    nrnran123_refill(s);
}

inline void nrnran123_getseq(nrnran123_State* s, uint32_t* seq, char* which) {
    *seq = s->c[0];
    *which = (char) s->which;
}

inline void nrnran123_getids(nrnran123_State* s, uint32_t* id1, uint32_t* id2) {
    *id1 = s->c[2];
    *id2 = s->c[3];
}

inline void nrnran123_getids3(nrnran123_State* s, uint32_t* id1, uint32_t* id2, uint32_t* id3) {
    *id1 = s->c[2];
    *id2 = s->c[3];
    *id3 = s->c[1];
}

inline nrnran123_State* nrnran123_newstream3(uint32_t id1, uint32_t id2, uint32_t id3) {
    nrnran123_State* s = (nrnran123_State*) calloc(1, sizeof(nrnran123_State));
    s->c[1] = id3;
    s->c[2] = id1;
    s->c[3] = id2;
    nrnran123_setseq(s, 0, 0);
    return s;
}

inline nrnran123_State* nrnran123_newstream(uint32_t id1, uint32_t id2) {
    return nrnran123_newstream3(id1, id2, 0);
}

inline void nrnran123_deletestream(nrnran123_State* s) { free(s); }

inline uint32_t nrnran123_ipick(nrnran123_State* s) {
    uint32_t u = s->r[s->which];
    if (++s->which > 3) {
        s->which = 0;
        ++s->c[0];
        nrnran123_refill(s);
    }
    return u;
}

inline double nrnran123_uint2dbl(uint32_t u) { return ((double) u + 1.0) / 4294967297.0; }
inline double nrnran123_dblpick(nrnran123_State* s) { return nrnran123_uint2dbl(nrnran123_ipick(s)); }
inline double nrnran123_negexp(nrnran123_State* s) { return -log(nrnran123_dblpick(s)); }
inline double nrnran123_uniform(nrnran123_State* s, double a, double b) {
    return a + (b - a) * nrnran123_dblpick(s);
}
inline double nrnran123_normal(nrnran123_State* s) {
    // polar Box-Muller
    double u1, u2, w;
    do {
        u1 = 2. * nrnran123_dblpick(s) - 1.;
        u2 = 2. * nrnran123_dblpick(s) - 1.;
        w = u1 * u1 + u2 * u2;
    } while (w >= 1. || w == 0.);
    return u1 * sqrt(-2. * log(w) / w);
}

#endif
