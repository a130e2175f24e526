/* savestate.c -- SaveState support: the event heap is copied out from Python and put back here,
 * where its storage can grow.  The copy keeps heap positions, so point processes' handles to
 * their last self event (restored separately) stay valid. */
#include "engine_int.h"
#include "savestate_api.h"

int nrn_ss_set_queue(const nrn_event* ev, int n, uint64_t evseq) {
    nrn_engine* e = &nrn_eng;
    if (n > e->capev) {
        nrn_event* h = realloc(e->heap, sizeof(nrn_event) * (size_t)n);
        if (!h) {
            nrn_error("out of memory restoring the event queue", NULL);
            return -1;
        }
        e->heap = h;
        e->capev = n;
    }
    if (n > 0) {
        memcpy(e->heap, ev, sizeof(nrn_event) * (size_t)n);
    }
    e->nev = n;
    e->evseq = evseq;
    return 0;
}
