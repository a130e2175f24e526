/* Ion leak mechanisms for rxd's tests, written against nrn_mech_abi.h so the tests need no
 * NMODL compiler.  Each is the translation of
 *   NEURON { SUFFIX t<x>leak  USEION <x> READ e<x> WRITE i<x>  RANGE g }
 *   PARAMETER { g = 0.001 (S/cm2) }
 *   BREAKPOINT { i<x> = g * (v - e<x>) }
 * with NEURON's generated current code (conductance from a 0.001 mV difference). */
#include "nrn_mech_abi.h"

#define COL_G 0
#define COL_I 1
#define SLOT_E 0
#define SLOT_I 1
#define SLOT_DIDV 2

static double leak(const double* p, int s, int i, double v, double e) {
    return p[COL_G * s + i] * (v - e);
}

static void leak_cur(nrn_ctx* c, nrn_mech* m) {
    const int s = m->stride;
    double* p = m->p;
    double** pp = m->pp;
    for (int i = 0; i < m->n; ++i) {
        const int nd = m->node[i];
        const double v = c->v[nd], e = *pp[SLOT_E * s + i];
        const double g1 = leak(p, s, i, v + .001, e);
        const double cur = leak(p, s, i, v, e);
        p[COL_I * s + i] = cur;
        *pp[SLOT_DIDV * s + i] += (g1 - cur) / .001;
        *pp[SLOT_I * s + i] += cur;
        c->rhs[nd] -= cur;
        c->d[nd] += (g1 - cur) / .001;
    }
}

#define LEAK_META(ion) \
    "{\"name\":\"t" ion "leak\",\"kind\":\"density\",\"suffix\":\"t" ion "leak\"," \
    "\"columns\":[{\"name\":\"g\",\"col\":0,\"kind\":\"parameter\",\"default\":0.001}," \
    "{\"name\":\"i\",\"col\":1,\"kind\":\"assigned\"}]," \
    "\"slots\":[{\"name\":\"e" ion "\",\"kind\":\"ion\",\"ion\":\"" ion "\",\"var\":\"e\"}," \
    "{\"name\":\"i" ion "\",\"kind\":\"ion\",\"ion\":\"" ion "\",\"var\":\"cur\"}," \
    "{\"name\":\"di" ion "dv\",\"kind\":\"ion\",\"ion\":\"" ion "\",\"var\":\"dcurdv\"}]," \
    "\"ions\":[{\"name\":\"" ion "\",\"read\":[\"e" ion "\"],\"write\":[\"i" ion "\"]}]," \
    "\"functions\":[]}"

#define LEAK_DESC(ion) \
    { .abi_version = NRN_MECH_ABI_VERSION, .name = "t" ion "leak", .metadata = LEAK_META(ion), \
      .current = leak_cur }

static const nrn_mech_desc na_desc = LEAK_DESC("na");
static const nrn_mech_desc k_desc = LEAK_DESC("k");
static const nrn_mech_desc ca_desc = LEAK_DESC("ca");
static const nrn_mech_desc* const descs[] = {&na_desc, &k_desc, &ca_desc};

const nrn_mech_desc* const* nrn_mech_lib_init(const nrn_api* a, int* count) {
    (void) a;
    *count = 3;
    return descs;
}
