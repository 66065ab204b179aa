// Profile files in a build without cJSON (e.g. the aarch64 cross build): none can be read
// or written; the engine plans with the rule of thumb.

#include <stdio.h>

#include "tern/tune.h"

int tern_profile_save_hooked(const struct tern_profile * p, const char * path, tern_profile_write_hook * hook,
                             void * user, char * err, size_t err_size) {
    (void) p;
    (void) hook;
    (void) user;
    snprintf(err, err_size, "cannot write profile %s: this tern was built without cJSON", path);
    return -1;
}

int tern_profile_save(const struct tern_profile * p, const char * path, char * err, size_t err_size) {
    return tern_profile_save_hooked(p, path, NULL, NULL, err, err_size);
}

struct tern_profile * tern_profile_load(const char * path, const struct tern_cpu * cpu, bool * stale,
                                        char * err, size_t err_size) {
    (void) cpu;
    *stale = false;
    snprintf(err, err_size, "cannot read profile %s: this tern was built without cJSON", path);
    return NULL;
}
