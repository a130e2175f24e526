/* savestate_api.h -- putting a saved event queue back (SaveState.restore). */
int nrn_ss_set_queue(const nrn_event* ev, int n, uint64_t evseq);
