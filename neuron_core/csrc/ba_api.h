/* ba_api.h -- mechanisms' BEFORE/AFTER blocks, for the parts of finitialize driven from Python
 * (NEURON runs BEFORE STEP blocks before every fixed-step record, the initial one included).
 *   0 BEFORE BREAKPOINT, 1 AFTER SOLVE, 2 BEFORE STEP, 3 BEFORE INITIAL, 4 AFTER INITIAL */
void nrn_call_ba(int which);
