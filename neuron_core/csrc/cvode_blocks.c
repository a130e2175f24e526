/* cvode_blocks.c -- ODE blocks outside mechanisms (reaction-diffusion) in the global
 * variable-step system: registration, their share of y, f and the Newton solve. */
#include "engine_int.h"
#include "cvode_api.h"

#define MAXBLK 64

static nrn_cvode_block* blocks[MAXBLK];

int nrn_cvode_block_register(nrn_cvode_block* b) {
    for (int i = 0; i < MAXBLK; ++i) {
        if (!blocks[i]) {
            blocks[i] = b;
            return i;
        }
    }
    return -1;
}

void nrn_cvode_block_unregister(int id) {
    if (id >= 0 && id < MAXBLK) blocks[id] = NULL;
}

/* the blocks' states in all, giving each block its offset after the mechanism states
 * (the caller adds the count to the equations it already has) */
int nrn_cvode_block_count(void) {
    int n = 0;
    for (int i = 0; i < MAXBLK; ++i) {
        if (!blocks[i]) continue;
        blocks[i]->n = blocks[i]->count ? blocks[i]->count(blocks[i]->data) : 0;
        n += blocks[i]->n;
    }
    return n;
}

/* scale has room for the blocks' states, in registration order, preset to 1 */
void nrn_cvode_block_atol(double* scale) {
    int off = 0;
    for (int i = 0; i < MAXBLK; ++i) {
        if (!blocks[i]) continue;
        if (blocks[i]->atol && blocks[i]->n) blocks[i]->atol(blocks[i]->data, scale + off);
        off += blocks[i]->n;
    }
}

static void place(int base) {
    int off = base;
    for (int i = 0; i < MAXBLK; ++i) {
        if (!blocks[i]) continue;
        blocks[i]->offset = off;
        off += blocks[i]->n;
    }
}

void nrn_cvode_blocks_gather(int base, double* y) {
    place(base);
    for (int i = 0; i < MAXBLK; ++i)
        if (blocks[i] && blocks[i]->n && blocks[i]->states)
            blocks[i]->states(blocks[i]->data, y + blocks[i]->offset);
}

int nrn_cvode_blocks_fun(int base, double t, double* y, double* ydot) {
    place(base);
    for (int i = 0; i < MAXBLK; ++i) {
        nrn_cvode_block* b = blocks[i];
        /* blocks without states still run: couplings such as gap-junction transfer */
        if (b && b->fun && b->fun(b->data, t, y + b->offset, ydot + b->offset)) {
            nrn_error("CVode: an ODE block failed", NULL);
            return -1;
        }
    }
    return 0;
}

int nrn_cvode_blocks_solve(int base, double gamma, double* b, double* y) {
    place(base);
    for (int i = 0; i < MAXBLK; ++i) {
        nrn_cvode_block* k = blocks[i];
        if (k && k->n && k->solve && k->solve(k->data, gamma, b + k->offset, y + k->offset)) {
            return 1;
        }
    }
    return 0;
}
