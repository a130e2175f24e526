/* loader.c -- opening compiled mechanism libraries and the engine-coded descriptors. */
#include <dlfcn.h>
#include <stdio.h>

#include "engine_int.h"

const nrn_mech_desc* const* nrn_load_mech_library(const char* path, int* count, char* err, int errlen) {
    *count = 0;
    void* h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "%s", dlerror());
        return NULL;
    }
    void* sym = dlsym(h, NRN_MECH_LIB_INIT_SYMBOL);
    if (!sym) {
        snprintf(err, errlen, "%s is not a mechanism library (no %s)", path, NRN_MECH_LIB_INIT_SYMBOL);
        dlclose(h);
        return NULL;
    }
    nrn_mech_lib_init_fn init = (nrn_mech_lib_init_fn)sym;
    return init(&nrn_engine_get()->api, count);
}

static const nrn_mech_desc ion_desc = {
    .abi_version = NRN_MECH_ABI_VERSION,
    .name = "ion",
    .metadata = "{}",
    .initialize = nrn_ion_init,
    .current = nrn_ion_cur,
};

const nrn_mech_desc* nrn_ion_descriptor(void) { return &ion_desc; }
