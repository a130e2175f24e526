/* Hand-written mechanisms against nrn_mech_abi.h, used to test the engine without the NMODL
 * compiler: thh (Hodgkin-Huxley with exact rates, as NEURON's hh with usetable_hh = 0),
 * tpas (passive), tIClamp (electrode current), tExpSyn (NET_RECEIVE), tStim (artificial cell). */
#include <math.h>
#include "nrn_mech_abi.h"

static const nrn_api* api;
#define P(c) p[(c) * s + i]

/* ---------------------------------------------------------------- thh */
static double thh_glob[1];
static double vtrap(double x, double y) {
    return fabs(x / y) < 1e-6 ? y * (1 - x / y / 2) : x / (exp(x / y) - 1);
}
static void thh_rates(double* p, int s, int i, double v, double celsius) {
    double q10 = pow(3.0, (celsius - 6.3) / 10.0);
    double a = .1 * vtrap(-(v + 40), 10), b = 4 * exp(-(v + 65) / 18), sum = a + b;
    P(10) = 1 / (q10 * sum); P(7) = a / sum;
    a = .07 * exp(-(v + 65) / 20); b = 1 / (exp(-(v + 35) / 10) + 1); sum = a + b;
    P(11) = 1 / (q10 * sum); P(8) = a / sum;
    a = .01 * vtrap(-(v + 55), 10); b = .125 * exp(-(v + 65) / 80); sum = a + b;
    P(12) = 1 / (q10 * sum); P(9) = a / sum;
}
static double thh_i(double* p, int s, int i, double v, double ena, double ek, double* ina, double* ik) {
    P(4) = P(0) * P(13) * P(13) * P(13) * P(14);
    *ina = P(4) * (v - ena);
    P(5) = P(1) * P(15) * P(15) * P(15) * P(15);
    *ik = P(5) * (v - ek);
    P(6) = P(2) * (v - P(3));
    return *ina + *ik + P(6);
}
static void thh_cur(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride; double** pp = m->pp;
    for (int i = 0; i < m->n; ++i) {
        int nd = m->node[i];
        double v = c->v[nd], ena = *pp[0 * s + i], ek = *pp[3 * s + i], ina1, ik1, ina, ik;
        double g = thh_i(p, s, i, v + .001, ena, ek, &ina1, &ik1);
        double r = thh_i(p, s, i, v, ena, ek, &ina, &ik);
        *pp[2 * s + i] += (ina1 - ina) / .001;
        *pp[5 * s + i] += (ik1 - ik) / .001;
        *pp[1 * s + i] += ina;
        *pp[4 * s + i] += ik;
        c->rhs[nd] -= r;
        c->d[nd] += (g - r) / .001;
    }
}
static void thh_state(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        thh_rates(p, s, i, c->v[m->node[i]], c->celsius);
        for (int k = 0; k < 3; ++k) {
            P(13 + k) += (1. - exp(-c->dt / P(10 + k))) * (P(7 + k) - P(13 + k));
        }
    }
}
static void thh_init(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        thh_rates(p, s, i, c->v[m->node[i]], c->celsius);
        P(13) = P(7); P(14) = P(8); P(15) = P(9);
    }
}
static const char thh_meta[] = "{\"name\":\"thh\",\"kind\":\"density\",\"suffix\":\"thh\",\"file\":\"testmechs.c\","
 "\"columns\":[{\"name\":\"gnabar\",\"col\":0,\"kind\":\"parameter\",\"default\":0.12},"
 "{\"name\":\"gkbar\",\"col\":1,\"kind\":\"parameter\",\"default\":0.036},"
 "{\"name\":\"gl\",\"col\":2,\"kind\":\"parameter\",\"default\":0.0003},"
 "{\"name\":\"el\",\"col\":3,\"kind\":\"parameter\",\"default\":-54.3},"
 "{\"name\":\"gna\",\"col\":4},{\"name\":\"gk\",\"col\":5},{\"name\":\"il\",\"col\":6},"
 "{\"name\":\"minf\",\"col\":7},{\"name\":\"hinf\",\"col\":8},{\"name\":\"ninf\",\"col\":9},"
 "{\"name\":\"mtau\",\"col\":10},{\"name\":\"htau\",\"col\":11},{\"name\":\"ntau\",\"col\":12},"
 "{\"name\":\"m\",\"col\":13,\"kind\":\"state\"},{\"name\":\"h\",\"col\":14,\"kind\":\"state\"},"
 "{\"name\":\"n\",\"col\":15,\"kind\":\"state\"}],"
 "\"slots\":[{\"name\":\"ena\",\"kind\":\"ion\",\"ion\":\"na\",\"var\":\"e\"},"
 "{\"name\":\"ina\",\"kind\":\"ion\",\"ion\":\"na\",\"var\":\"cur\"},"
 "{\"name\":\"dina\",\"kind\":\"ion\",\"ion\":\"na\",\"var\":\"dcurdv\"},"
 "{\"name\":\"ek\",\"kind\":\"ion\",\"ion\":\"k\",\"var\":\"e\"},"
 "{\"name\":\"ik\",\"kind\":\"ion\",\"ion\":\"k\",\"var\":\"cur\"},"
 "{\"name\":\"dik\",\"kind\":\"ion\",\"ion\":\"k\",\"var\":\"dcurdv\"}],"
 "\"ions\":[{\"name\":\"na\",\"read\":[\"ena\"],\"write\":[\"ina\"]},{\"name\":\"k\",\"read\":[\"ek\"],\"write\":[\"ik\"]}],"
 "\"functions\":[]}";
static nrn_mech_desc thh_desc = {NRN_MECH_ABI_VERSION, "thh", thh_meta, 0, 0, thh_init, thh_cur, thh_state};

/* --------------------------------------------------------------- tpas */
static void tpas_cur(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        int nd = m->node[i];
        double v = c->v[nd];
        double i1 = P(0) * (v + .001 - P(1));
        P(2) = P(0) * (v - P(1));
        c->rhs[nd] -= P(2);
        c->d[nd] += (i1 - P(2)) / .001;
    }
}
static const char tpas_meta[] = "{\"name\":\"tpas\",\"kind\":\"density\",\"suffix\":\"tpas\",\"columns\":["
 "{\"name\":\"g\",\"col\":0,\"kind\":\"parameter\",\"default\":0.001},"
 "{\"name\":\"e\",\"col\":1,\"kind\":\"parameter\",\"default\":-70},{\"name\":\"i\",\"col\":2}]}";
static nrn_mech_desc tpas_desc = {NRN_MECH_ABI_VERSION, "tpas", tpas_meta, 0, 0, 0, tpas_cur, 0};

/* ------------------------------------------------------------ tIClamp */
static double iclamp_i(nrn_ctx* c, double* p, int s, int i) {
    return (c->t < P(0) + P(1) && c->t >= P(0)) ? P(2) : 0.0;
}
static void ticlamp_cur(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        int nd = m->node[i];
        P(3) = iclamp_i(c, p, s, i);
        api->electrode_current(c, nd, P(3) * 100. / c->area[nd], 0.0);
    }
}
static void ticlamp_init(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) { P(3) = 0; }
}
static const char ticlamp_meta[] = "{\"name\":\"tIClamp\",\"kind\":\"point\",\"electrode_current\":true,\"columns\":["
 "{\"name\":\"del\",\"col\":0,\"kind\":\"parameter\"},{\"name\":\"dur\",\"col\":1,\"kind\":\"parameter\"},"
 "{\"name\":\"amp\",\"col\":2,\"kind\":\"parameter\"},{\"name\":\"i\",\"col\":3}]}";
static nrn_mech_desc ticlamp_desc = {NRN_MECH_ABI_VERSION, "tIClamp", ticlamp_meta, 0, 0, ticlamp_init, ticlamp_cur, 0};

/* ------------------------------------------------------------ tExpSyn */
static void texpsyn_cur(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        int nd = m->node[i];
        double v = c->v[nd], f = 100. / c->area[nd];
        double i1 = P(3) * (v + .001 - P(1));
        P(2) = P(3) * (v - P(1));
        c->rhs[nd] -= P(2) * f;
        c->d[nd] += (i1 - P(2)) / .001 * f;
    }
}
static void texpsyn_state(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        P(3) += (1. - exp(c->dt * (-1.0 / P(0)))) * (-(0.0) / (-1.0 / P(0)) - P(3));
    }
}
static void texpsyn_init(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) { P(3) = 0; }
}
static void texpsyn_nr(nrn_ctx* c, nrn_mech* m, int i, double* w, double flag) {
    double* p = m->p; int s = m->stride;
    P(3) += w[0];
}
static const char texpsyn_meta[] = "{\"name\":\"tExpSyn\",\"kind\":\"point\",\"columns\":["
 "{\"name\":\"tau\",\"col\":0,\"kind\":\"parameter\",\"default\":0.1},"
 "{\"name\":\"e\",\"col\":1,\"kind\":\"parameter\",\"default\":0},{\"name\":\"i\",\"col\":2},"
 "{\"name\":\"g\",\"col\":3,\"kind\":\"state\"}],\"net_receive\":{\"nargs\":1,\"args\":[\"weight\"]}}";
static nrn_mech_desc texpsyn_desc = {NRN_MECH_ABI_VERSION, "tExpSyn", texpsyn_meta, 0, 0, texpsyn_init,
                                     texpsyn_cur, texpsyn_state, 0, texpsyn_nr};

/* -------------------------------------------------------------- tStim */
static void tstim_init(nrn_ctx* c, nrn_mech* m) {
    double* p = m->p; int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        P(3) = 0;
        if (P(2) > 0) api->net_send(c, m, i, 0, P(0), 1.0);
    }
}
static void tstim_nr(nrn_ctx* c, nrn_mech* m, int i, double* w, double flag) {
    double* p = m->p; int s = m->stride;
    if (flag == 1.0) {
        api->net_event(c, m, i, c->t);
        P(3) += 1;
        if (P(3) < P(2)) api->net_send(c, m, i, w, P(1), 1.0);
    }
}
static const char tstim_meta[] = "{\"name\":\"tStim\",\"kind\":\"artificial\",\"columns\":["
 "{\"name\":\"start\",\"col\":0,\"kind\":\"parameter\",\"default\":1},"
 "{\"name\":\"interval\",\"col\":1,\"kind\":\"parameter\",\"default\":2},"
 "{\"name\":\"number\",\"col\":2,\"kind\":\"parameter\",\"default\":3},"
 "{\"name\":\"count\",\"col\":3}],\"net_receive\":{\"nargs\":1,\"args\":[\"w\"]}}";
static nrn_mech_desc tstim_desc = {NRN_MECH_ABI_VERSION, "tStim", tstim_meta, 0, 0, tstim_init, 0, 0, 0, tstim_nr};

static const nrn_mech_desc* all[] = {&thh_desc, &tpas_desc, &ticlamp_desc, &texpsyn_desc, &tstim_desc};

const nrn_mech_desc* const* nrn_mech_lib_init(const nrn_api* a, int* count) {
    api = a;
    *count = 5;
    return all;
}
