/* nonvint_api.h -- "non-voltage" blocks: compiled code outside mechanisms (reaction-diffusion)
 * that joins the engine's step.  A block is a C function called with a phase code:
 *   NRN_NV_INIT     in finitialize, before mechanisms' INITIAL blocks
 *   NRN_NV_CURRENT  after the matrix setup: add currents to ctx->rhs (mA/cm2)
 *   NRN_NV_COND     after NRN_NV_CURRENT: add conductances to ctx->d (S/cm2)
 *   NRN_NV_SOLVE    after mechanism states each fixed step (advance by ctx->dt)
 *   NRN_NV_STRUCTURE after a rebuild of the model
 *   NRN_NV_TRANSFER after the voltage update and before mechanism states each fixed step
 *                   (where NEURON transfers gap-junction values)
 * Blocks report errors through api->error. */
#define NRN_NV_INIT 0
#define NRN_NV_CURRENT 1
#define NRN_NV_COND 2
#define NRN_NV_SOLVE 3
#define NRN_NV_STRUCTURE 4
#define NRN_NV_TRANSFER 5

typedef void (*nrn_nonvint_fn)(nrn_ctx* ctx, int phase, void* data);

int nrn_nonvint_register(nrn_nonvint_fn fn, void* data);
void nrn_nonvint_unregister(int id);
void nrn_nonvint_call(int phase);
int nrn_nonvint_count(void);
