/* mcran4_api.h -- mcell_ran4() as NEURON's HOC function and as scop_random for mechanisms
 * after use_mcell_ran4(1). */
double nrn_mcran4_pick(uint32_t* high);
double nrn_mcran4_scop(void);
void nrn_mcran4_scop_seed(uint32_t high);
