/* rxd_cvode.c -- the 1-D reaction-diffusion states as an ODE block of the engine's variable
 * step integrator, as NEURON couples them to CVODE:
 *   y     the states without the zero-volume (junction) nodes, which are algebraic;
 *   f     junction values from their neighbours, concentrations to the engine, then
 *         -G y + reaction rates + ion currents + node fluxes;
 *   solve the Newton system (I - gamma J) x = b approximated by the diffusion tree solve
 *         followed by the per-location reaction solve. */
#include <string.h>

#include "rxd_solver.h"

static void unpack(const rxd_model* m, const double* y, double* full) {
    int j = 0;
    for (int i = 0; i < m->n; ++i) {
        if (j < m->nzvi && m->zvi[j] == i) {
            full[i] = 0.0;
            ++j;
        } else {
            full[i] = y[i - j];
        }
    }
}

static void pack(const rxd_model* m, const double* full, double* y) {
    int j = 0;
    for (int i = 0; i < m->n; ++i) {
        if (j < m->nzvi && m->zvi[j] == i) {
            ++j;
        } else {
            y[i - j] = full[i];
        }
    }
}

int rxd_cv_count(void* data) {
    const rxd_model* m = (const rxd_model*) data;
    return m->n - m->nzvi;
}

void rxd_cv_states(void* data, double* y) {
    const rxd_model* m = (const rxd_model*) data;
    pack(m, m->states, y);
}

/* Junction values: the zero-volume row of G y = 0 solved for its own node (NEURON takes a
 * parent at index 0 as no parent). */
static void junctions(rxd_model* m) {
    double* s = m->states;
    for (int k = 0; k < m->nzvi; ++k) {
        const int j = m->zvi[k];
        const int p = m->parent[j];
        s[j] = p > 0 ? -(m->gb[j] / m->gd[j]) * s[p] : 0.0;
        for (int e = 0; e < m->nedge; ++e) {
            const int c = m->edge[e];
            if (m->parent[c] == j) {
                s[j] -= (m->ga[c] / m->gd[j]) * s[c];
            }
        }
    }
}

int rxd_cv_fun(void* data, double t, double* y, double* ydot) {
    (void) t;
    rxd_model* m = (rxd_model*) data;
    const int n = m->n;
    if (n == 0) {
        return 0;
    }
    unpack(m, y, m->states);
    if (m->diffusion) {
        junctions(m);
    }
    rxd_transfer(m);
    double* rhs = m->work;
    memset(rhs, 0, sizeof(double) * n);
    if (m->diffusion) {
        rxd_diffusion_rates(m, m->states, rhs);
    }
    rxd_reaction_rates(m, rhs);
    if (m->membrane_flux) {
        rxd_membrane_currents(m, NULL);
    }
    rxd_ion_currents(m, rhs);
    rxd_node_fluxes(&m->flux, rhs, 1.0);
    pack(m, rhs, ydot);
    return 0;
}

int rxd_cv_solve(void* data, double gamma, double* b, double* y) {
    rxd_model* m = (rxd_model*) data;
    const int n = m->n;
    if (n == 0) {
        return 0;
    }
    double* fb = m->cv_full;
    double* fy = m->cv_full + n;
    unpack(m, b, fb);
    unpack(m, y, fy);
    if (m->diffusion) {
        rxd_tree_solve(m, fb, gamma);
    }
    rxd_reactions_solve(m, gamma, fy, fb);
    pack(m, fb, b);
    return 0;
}

void rxd_cv_atol(void* data, double* scale) {
    const rxd_model* m = (const rxd_model*) data;
    if (!m->cv_atol) {
        return;
    }
    for (int i = 0; i < m->n - m->nzvi; ++i) {
        scale[i] *= m->cv_atol[i];
    }
}
