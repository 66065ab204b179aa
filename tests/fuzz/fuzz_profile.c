// libFuzzer target for tuning profiles (tern_profile_load): any file loads, is refused with a
// one-line message, or is reported stale in one line (also when loaded for another CPU); a
// loaded profile saves and loads back to the same entries. "@registry@" in an input stands for this build's registry hash, so
// the seeds in tests/corpus/profile stay loadable when the kernels change.

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tern/kernels.h"
#include "tern/tune.h"

int LLVMFuzzerInitialize(int * argc, char *** argv);
int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size);

static int fd_in = -1;
static char path_in[64], path_out[64];

int LLVMFuzzerInitialize(int * argc, char *** argv) {
    (void) argc;
    (void) argv;
    // The input as an in-memory file (a path for tern_profile_load without touching the disk);
    // the output a real file in a private directory: saving writes a temporary file beside it
    // and renames it over the old one.
    fd_in = memfd_create("tern-fuzz-profile-in", 0);
    if (fd_in < 0) abort();
    snprintf(path_in, sizeof(path_in), "/proc/self/fd/%d", fd_in);
    char dir[] = "/tmp/tern-fuzz-profile-XXXXXX";
    if (!mkdtemp(dir)) abort();
    snprintf(path_out, sizeof(path_out), "%s/profile.json", dir);
    return 0;
}

// data with every "@registry@" replaced by the registry hash, written to fd_in.
static void write_input(const uint8_t * data, size_t size) {
    static const char token[] = "@registry@";
    const char * hash = tern_registry_hash();
    const size_t tlen = sizeof(token) - 1, hlen = strlen(hash);
    if (ftruncate(fd_in, 0) != 0) abort();
    size_t at = 0, done = 0;
    while (at < size) {
        const uint8_t * hit = size - at >= tlen ? memmem(data + at, size - at, token, tlen) : NULL;
        const size_t plain = hit ? (size_t) (hit - (data + at)) : size - at;
        if (pwrite(fd_in, data + at, plain, (off_t) done) != (ssize_t) plain) abort();
        done += plain;
        at += plain;
        if (!hit) break;
        if (pwrite(fd_in, hash, hlen, (off_t) done) != (ssize_t) hlen) abort();
        done += hlen;
        at += tlen;
    }
}

static void check_one_line(const char * err) {
    if (err[0] == '\0' || strchr(err, '\n')) abort();
}

static void check_same(const struct tern_profile * a, const struct tern_profile * b) {
    if (a->n_entries != b->n_entries || a->n_threads != b->n_threads || a->features != b->features ||
        strcmp(a->registry, b->registry) != 0 || strcmp(a->brand, b->brand) != 0) {
        abort();
    }
    for (size_t i = 0; i < a->n_entries; i++) {
        const struct tern_tune_entry * x = &a->entries[i], * y = &b->entries[i];
        if (x->shape.k != y->shape.k || x->shape.n != y->shape.n || x->tokens != y->tokens ||
            x->threads != y->threads || x->n_cand != y->n_cand) {
            abort();
        }
        for (size_t c = 0; c < x->n_cand; c++) {
            if (x->cand[c].v != y->cand[c].v || x->cand[c].n_final != y->cand[c].n_final) abort();
        }
    }
    if (a->n_validation != b->n_validation || a->n_streams != b->n_streams) abort();
    for (int i = 0; i < a->n_streams; i++) {
        const struct tern_tune_stream * x = &a->streams[i], * y = &b->streams[i];
        if (x->threads != y->threads || x->n_dist != y->n_dist || x->n_samples != y->n_samples ||
            memcmp(x->dist, y->dist, sizeof(x->dist)) != 0) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size) {
    write_input(data, size);
    char err[1024];
    err[0] = '\0';
    bool stale = true;
    struct tern_profile * p = tern_profile_load(path_in, NULL, &stale, err, sizeof(err));
    if (!p) {
        check_one_line(err);
        return 0;
    }
    if (stale) abort();
    for (size_t i = 0; i < p->n_entries; i++) {
        const struct tern_tune_entry * e = &p->entries[i];
        for (size_t c = 0; c < e->n_cand; c++) {
            if (!e->cand[c].v) abort();      // a loaded profile names only variants this binary has
        }
        const struct tern_tune_entry * hit = tern_profile_entry(p, e->shape.k, e->shape.n, e->tokens, e->threads);
        if (!hit || hit->shape.k != e->shape.k || hit->shape.n != e->shape.n || (hit->tokens == 1) != (e->tokens == 1)) {
            abort();
        }
    }
    // The same file for another CPU: stale, in one line (the brand comes from the file).
    const struct tern_cpu other = { .brand = "another CPU", .features = 0, .usable = 0 };
    struct tern_profile * elsewhere = tern_profile_load(path_in, &other, &stale, err, sizeof(err));
    if (elsewhere && (strcmp(p->brand, other.brand) != 0 || p->features != 0)) abort();
    if (!elsewhere) {
        if (!stale) abort();
        check_one_line(err);
    }
    tern_profile_free(elsewhere);
    if (tern_profile_save(p, path_out, err, sizeof(err)) != 0) abort();
    struct tern_profile * back = tern_profile_load(path_out, NULL, &stale, err, sizeof(err));
    if (!back) abort();          // what it wrote it must read
    check_same(p, back);
    tern_profile_free(back);
    tern_profile_free(p);
    return 0;
}
