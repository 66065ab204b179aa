// Profile files.
// - Round trip: what loads is what was saved, and the plan decided from the loaded profile
//   is the one decided before saving.
// - Truncated, edited or unprintable profiles are refused as corrupt, in one line that
//   names the file and says how to fix it; stale ones (other kernels, another CPU, another
//   format) are ignored with a notice; a missing one says so.
// - Two writers at once, with a reader watching, and a writer killed half way through
//   (SIGKILL from the write hook) leave a whole, loadable profile.

#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "check_file.h"
#include "tern/presets.h"
#include "tern/tune.h"
#include "tune_fixture.h"

static const size_t phases[] = { 1, 64, 256 };
static const int threads[] = { 1, 2 };

// A profile the size of a real one for this CPU: 2B4T's shapes x decode, pp64, pp256 x 1 and 2
// threads, every runnable variant screened, the heuristic pair and two others in the final.
static struct tern_profile * big_profile(const char * preset) {
    const struct tern_cpu * cpu = tern_cpu_get();
    struct tern_profile * p = fixture_profile(cpu, preset, threads, 2);
    struct tern_tune_shape shapes[8];
    const size_t n_shapes = tern_preset_shapes("bitnet-b1.58-2B-4T", shapes, 8);
    size_t count;
    const struct tern_variant * all = tern_registry_variants(&count);
    struct tern_plan_choice h;
    tern_plan_heuristic(cpu, &h);
    uint64_t seed = 7;
    for (size_t s = 0; s < n_shapes; s++) {
        for (size_t ph = 0; ph < 3; ph++) {
            for (int t = 0; t < 2; t++) {
                struct tern_tune_entry * e = fixture_entry(p, shapes[s].name, shapes[s].k, shapes[s].n, phases[ph], threads[t]);
                e->shape.per_layer = shapes[s].per_layer;
                int finalists = 0;
                for (size_t i = 0; i < count; i++) {
                    const struct tern_variant * v = &all[i];
                    if (!tern_variant_runnable(v, cpu, NULL, 0) || (phases[ph] == 1 && v->mr != 1)) continue;
                    const bool in_final = v == h.decode || v == h.prefill || finalists < 2;
                    finalists += in_final;
                    fixture_candidate(e, v, 100.0 * (double) phases[ph] * (1.0 + 0.01 * (double) i), 0.05,
                                      in_final ? 12 : 0, seed++);
                }
            }
        }
    }
    p->n_validation = 2;
    for (int t = 0; t < 2; t++) {
        p->validation[t] = (struct tern_tune_validation) { .threads = threads[t], .layers = 2, .pp_tokens = 32,
                                                           .samples = 9, .tuned_tg_us = 4000, .tuned_pp_us = 1700,
                                                           .heuristic_tg_us = 4100, .heuristic_pp_us = 1750, .p = 0.03 };
        snprintf(p->validation[t].verdict, sizeof(p->validation[t].verdict), "%s", t ? "heuristic" : "same");
    }
    p->n_streams = 2;
    for (int t = 0; t < 2; t++) {
        struct tern_tune_stream * st = &p->streams[t];
        *st = (struct tern_tune_stream) { .threads = threads[t], .k = 2560, .rows = 26214, .n_dist = 3, .n_samples = 12,
                                          .dist = { 0, 512, 1024 } };
        for (int d = 0; d < 3; d++) {
            for (int r = 0; r < 12; r++) st->us[d][r] = 8000.0 / (1 + t) * (1.0 - 0.07 * d) + 1.0 / (double) (seed++ % 97 + 3);
        }
    }
    p->n_rejected = 1;
    p->rejected = calloc(1, sizeof(*p->rejected));
    snprintf(p->rejected[0], sizeof(p->rejected[0]), "%s", "tern_i2s_q8_gemm_ukernel_1x4k64__scalar");
    return p;
}

static void write_text(const char * path, const char * text) {
    FILE * f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

// Writes good with its first `from` replaced by `to` to path; false if from is not in good.
static bool write_edited(const char * good, const char * from, const char * to, const char * path) {
    const char * at = strstr(good, from);
    if (!at) return false;
    const size_t size = strlen(good) + strlen(to) + 1;
    char * edited = malloc(size);
    snprintf(edited, size, "%.*s%s%s", (int) (at - good), good, to, at + strlen(from));
    write_text(path, edited);
    free(edited);
    return true;
}

static bool same_plans(const struct tern_profile * a, const struct tern_profile * b) {
    bool same = true;
    for (size_t i = 0; i < a->n_entries; i++) {
        struct tern_plan_choice ca, cb;
        tern_plan_choose(tern_cpu_get(), a, a->entries[i].shape.k, a->entries[i].shape.n, a->entries[i].threads, &ca);
        tern_plan_choose(tern_cpu_get(), b, a->entries[i].shape.k, a->entries[i].shape.n, a->entries[i].threads, &cb);
        same = same && ca.decode == cb.decode && ca.prefill == cb.prefill && strcmp(ca.why, cb.why) == 0;
    }
    return same;
}

static void test_round_trip(const char * dir) {
    struct tern_profile * p = big_profile("round-trip");
    char path[512], err[1024];
    snprintf(path, sizeof(path), "%s/sub/dir/profile.json", dir);
    CHECK(tern_profile_save(p, path, err, sizeof(err)) == 0, "save: %s", err);
    bool stale;
    struct tern_profile * q = tern_profile_load(path, tern_cpu_get(), &stale, err, sizeof(err));
    CHECK(q != NULL && !stale, "load: %s", err);
    if (q) {
        CHECK(q->n_entries == p->n_entries && q->n_threads == 2 && q->n_validation == 2 && q->n_rejected == 1 &&
              strcmp(q->rejected[0], p->rejected[0]) == 0 && strcmp(q->preset, "round-trip") == 0, "round trip counts");
        bool same = true;
        for (size_t i = 0; i < q->n_entries && i < p->n_entries; i++) {
            const struct tern_tune_entry * a = &p->entries[i], * b = &q->entries[i];
            same = same && a->n_cand == b->n_cand && a->tokens == b->tokens && a->threads == b->threads;
            for (size_t c = 0; same && c < a->n_cand; c++) {
                same = a->cand[c].v == b->cand[c].v && a->cand[c].n_final == b->cand[c].n_final &&
                       a->cand[c].estimate_us == b->cand[c].estimate_us &&
                       memcmp(a->cand[c].final_us, b->cand[c].final_us, sizeof(double) * (size_t) a->cand[c].n_final) == 0;
            }
        }
        CHECK(same, "round trip: entries differ (samples must survive bit for bit)");
        CHECK(strcmp(q->validation[1].verdict, "heuristic") == 0 && q->validation[0].p == 0.03, "round trip validation");
        CHECK(same_plans(p, q), "the loaded profile decides other plans");
        bool same_streams = q->n_streams == p->n_streams;
        for (int t = 0; same_streams && t < p->n_streams; t++) {
            const struct tern_tune_stream * a = &p->streams[t], * b = &q->streams[t];
            same_streams = a->threads == b->threads && a->k == b->k && a->rows == b->rows && a->n_dist == b->n_dist &&
                           a->n_samples == b->n_samples && memcmp(a->dist, b->dist, sizeof(a->dist)) == 0;
            for (int d = 0; same_streams && d < a->n_dist; d++) {
                same_streams = memcmp(a->us[d], b->us[d], sizeof(double) * (size_t) a->n_samples) == 0;
            }
            same_streams = same_streams && tern_plan_prefetch(p, a->threads, NULL, 0) == tern_plan_prefetch(q, a->threads, NULL, 0);
        }
        CHECK(same_streams, "round trip: row streams differ (samples must survive bit for bit)");
        tern_profile_free(q);
    }
    tern_profile_free(p);
}

// err is one line, names the file, says what is wrong (want) and how to fix it.
static void check_message(const char * err, const char * path, const char * want, const char * what) {
    CHECK(strchr(err, '\n') == NULL && strstr(err, path) && strstr(err, want) && strstr(err, "tern tune"),
          "%s: message '%s' (want one line with the path, '%s' and 'tern tune')", what, err, want);
}

static void test_refusals(const char * dir) {
    struct tern_profile * p = big_profile("refusals");
    char path[512], bad_path[512], err[1024];
    snprintf(path, sizeof(path), "%s/good.json", dir);
    snprintf(bad_path, sizeof(bad_path), "%s/bad.json", dir);
    CHECK(tern_profile_save(p, path, err, sizeof(err)) == 0, "save: %s", err);
    tern_profile_free(p);
    const struct tern_cpu * cpu = tern_cpu_get();
    char * good = check_read_file(path, NULL);
    const size_t len = good ? strlen(good) : 0;
    bool stale;
    for (size_t cut = 0; good && cut < len; cut += len / 23 + 1) {
        char * trunc = strndup(good, cut);
        write_text(bad_path, trunc);
        free(trunc);
        struct tern_profile * q = tern_profile_load(bad_path, cpu, &stale, err, sizeof(err));
        CHECK(q == NULL && !stale, "truncated at %zu accepted", cut);
        check_message(err, bad_path, "corrupt", "truncated");
        tern_profile_free(q);
    }
    // Edits: corrupt ones, then stale ones (other kernels, another format).
    struct { const char * from, * to, * want; bool stale; } edits[] = {
        { "\"format\":", "\"formax\":", "format", false },
        { "\"estimate_us\":", "\"estimate_us\": \"x\", \"w\":", "estimate_us", false },
        { "\"final_us\":", "\"final_us\": [1, -2], \"f\":", "final_us", false },
        { "\"k\":", "\"k\": -5, \"kk\":", "'k'", false },
        { "\"entries\":", "\"entries\": 3, \"e\":", "entries", false },
        { "\"threads\":", "\"threads\": [0], \"t\":", "threads", false },
        { "\"threads\":", "\"threads\": [1], \"read_bw_GBps\": [9E2513], \"t\":", "read_bw_GBps", false },   // infinity
        { "\"verdict\":", "\"verdict\": \"maybe\", \"v\":", "verdict", false },
        { "\"brand\":", "\"brand\": \"evil\\nbrand\", \"b\":", "brand", false },
        { "\"variant\":", "\"variant\": \"x\\u0001y\", \"v\":", "variant", false },
        { "\"rejected\":", "\"rejected\": [\"\\u001b[31m\"], \"r\":", "rejected", false },
        { tern_registry_hash(), "0000000000000000", "other kernels", true },
        { "\"prefetch_bytes\":", "\"prefetch_bytes\": [0, -512, 1024], \"p\":", "prefetch_bytes", false },
        { "\"us\":", "\"us\": [[1, 2], [3], [4, 5]], \"u\":", "'us'", false },
        { "\"streams\":", "\"streams\": {}, \"s\":", "streams", false },
        { "\"tern-profile-3\"", "\"tern-profile-2\"", "format", true },
    };
    for (size_t i = 0; good && i < sizeof(edits) / sizeof(edits[0]); i++) {
        const bool found = write_edited(good, edits[i].from, edits[i].to, bad_path);
        CHECK(found, "edit %zu: '%s' not in the profile", i, edits[i].from);
        if (!found) continue;
        struct tern_profile * q = tern_profile_load(bad_path, cpu, &stale, err, sizeof(err));
        CHECK(q == NULL && stale == edits[i].stale, "edit %zu accepted or not %s", i, edits[i].stale ? "stale" : "corrupt");
        check_message(err, bad_path, edits[i].want, "edit");
        CHECK(edits[i].stale || strstr(err, "corrupt") != NULL, "edit %zu: %s", i, err);
        tern_profile_free(q);
    }
    struct tern_cpu other = *cpu;
    other.usable ^= 1;
    struct tern_profile * q = tern_profile_load(path, &other, &stale, err, sizeof(err));
    CHECK(q == NULL && stale, "another CPU accepted");
    check_message(err, path, "another CPU", "stale cpu");
    q = tern_profile_load("/nonexistent/tern.json", cpu, &stale, err, sizeof(err));
    CHECK(q == NULL && !stale && strstr(err, "cannot open"), "missing file: %s", err);
    free(good);
    unlink(bad_path);
    unlink(path);
}

// ---------------------------------------------------------------------------- atomicity

static size_t files_in(const char * dir) {
    DIR * d = opendir(dir);
    size_t n = 0;
    for (struct dirent * de; d && (de = readdir(d));) n += de->d_name[0] != '.';
    if (d) closedir(d);
    return n;
}

static void remove_all_in(const char * dir) {
    DIR * d = opendir(dir);
    char path[1024];
    for (struct dirent * de; d && (de = readdir(d));) {
        if (de->d_name[0] == '.') continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        unlink(path);
    }
    if (d) closedir(d);
    rmdir(dir);
}

// Two processes save different profiles to one path 40 times each while this one loads it
// as fast as it can: every load finds a whole profile, one of the two.
static void test_two_writers(const char * dir) {
    char sub[512], path[600], err[1024];
    snprintf(sub, sizeof(sub), "%s/race", dir);
    snprintf(path, sizeof(path), "%s/profile.json", sub);
    pid_t pid[2];
    for (int w = 0; w < 2; w++) {
        pid[w] = fork();
        if (pid[w] == 0) {
            struct tern_profile * p = big_profile(w ? "writer-1" : "writer-0");
            int failures = 0;
            for (int i = 0; i < 40; i++) failures += tern_profile_save(p, path, err, sizeof(err)) != 0;
            tern_profile_free(p);
            _exit(failures ? 1 : 0);
        }
    }
    int loads = 0, bad = 0, running = 2, status[2] = { 0 };
    char first_err[1024] = "";
    while (running > 0) {
        for (int w = 0; w < 2; w++) {
            if (pid[w] > 0 && waitpid(pid[w], &status[w], WNOHANG) == pid[w]) {
                pid[w] = 0;
                running--;
            }
        }
        if (access(path, F_OK) != 0) continue;
        bool stale;
        struct tern_profile * q = tern_profile_load(path, tern_cpu_get(), &stale, err, sizeof(err));
        loads++;
        if (!q || (strcmp(q->preset, "writer-0") != 0 && strcmp(q->preset, "writer-1") != 0)) {
            if (!bad) snprintf(first_err, sizeof(first_err), "%s", q ? q->preset : err);
            bad++;
        }
        tern_profile_free(q);
    }
    for (int w = 0; w < 2; w++) {
        CHECK(WIFEXITED(status[w]) && WEXITSTATUS(status[w]) == 0, "writer %d failed (status %#x)", w, status[w]);
    }
    CHECK(loads > 0 && bad == 0, "two writers: %d of %d loads failed, first: %s", bad, loads, first_err);
    CHECK(files_in(sub) == 1, "two writers left %zu files (temporary files behind?)", files_in(sub));
    remove_all_in(sub);
}

static void kill_half_way(void * user, size_t written, size_t total) {
    (void) user;
    if (written >= total / 2 && written < total) raise(SIGKILL);
}

// A writer killed with half the new profile written leaves the old one in place.
static void test_killed_writer(const char * dir) {
    char sub[512], path[600], err[1024];
    snprintf(sub, sizeof(sub), "%s/killed", dir);
    snprintf(path, sizeof(path), "%s/profile.json", sub);
    struct tern_profile * old = big_profile("old");
    CHECK(tern_profile_save(old, path, err, sizeof(err)) == 0, "save: %s", err);
    tern_profile_free(old);
    const pid_t pid = fork();
    if (pid == 0) {
        struct tern_profile * p = big_profile("new");
        tern_profile_save_hooked(p, path, kill_half_way, NULL, err, sizeof(err));
        _exit(3);      // not reached: the hook kills the writer first
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the writer was not killed half way (status %#x)", status);
    bool stale;
    struct tern_profile * q = tern_profile_load(path, tern_cpu_get(), &stale, err, sizeof(err));
    CHECK(q && strcmp(q->preset, "old") == 0, "after a killed writer: %s", q ? q->preset : err);
    tern_profile_free(q);
    CHECK(files_in(sub) == 2, "the killed writer's temporary file: %zu files", files_in(sub));
    remove_all_in(sub);
}

int main(void) {
    char dir[] = "/tmp/tern-test-profile-XXXXXX";
    if (!mkdtemp(dir)) {
        fprintf(stderr, "mkdtemp failed\n");
        return 1;
    }
    test_round_trip(dir);
    test_refusals(dir);
    test_two_writers(dir);
    test_killed_writer(dir);
    char sub[600];
    snprintf(sub, sizeof(sub), "%s/sub/dir", dir);
    remove_all_in(sub);
    snprintf(sub, sizeof(sub), "%s/sub", dir);
    rmdir(sub);
    rmdir(dir);
    return check_summary("test_profile");
}
