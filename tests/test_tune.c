// The tuner and its profiles: Mann-Whitney p-values against known exact values; a small
// real tune run whose winners are runnable, verified and fastest among the timed; profile
// save/load round trip; corrupt, truncated and stale profiles are refused with a message
// (never a crash); the lookup picks decode vs prefill entries and falls back to NULL.

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "tern/stats.h"
#include "tern/tune.h"
#include "../runtime/model/plan.h"

static void test_stats(void) {
    const double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };
    CHECK(fabs(tern_mann_whitney_p(a, 3, b, 3) - 0.1) < 1e-12, "3 vs 3 separated: p %.6f, want 0.1",
          tern_mann_whitney_p(a, 3, b, 3));
    const double c[] = { 1, 2, 3, 4, 5 }, d[] = { 6, 7, 8, 9, 10 };
    CHECK(fabs(tern_mann_whitney_p(c, 5, d, 5) - 2.0 / 252.0) < 1e-12, "5 vs 5 separated: p %.6f, want 2/252",
          tern_mann_whitney_p(c, 5, d, 5));
    const double e[] = { 1, 3, 5, 7, 9 }, f[] = { 2, 4, 6, 8, 10 };
    CHECK(tern_mann_whitney_p(e, 5, f, 5) > 0.5, "interleaved samples look different: p %.4f",
          tern_mann_whitney_p(e, 5, f, 5));
    double big_a[30], big_b[30];
    for (int i = 0; i < 30; i++) {
        big_a[i] = 100 + i % 7;
        big_b[i] = 120 + i % 7;     // ties inside each sample: normal approximation path
    }
    CHECK(tern_mann_whitney_p(big_a, 30, big_b, 30) < 1e-6, "30 vs 30 shifted: p %.3g", tern_mann_whitney_p(big_a, 30, big_b, 30));
    CHECK(tern_mann_whitney_p(big_a, 30, big_a, 30) > 0.9, "identical samples: p %.3g", tern_mann_whitney_p(big_a, 30, big_a, 30));
    CHECK(tern_mann_whitney_p(a, 0, b, 3) == 1.0, "empty sample");
    CHECK(tern_median(c, 5) == 3 && tern_median(c, 4) == 2.5, "median");
}

static void write_text(const char * path, const char * text) {
    FILE * f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}


// The model's variant pairs (plan.c) from a hand-made profile: the decode winner's layout has
// a slow prefill kernel, a decode 10 % slower has a fast one: the pair with less time per token
// (decode + prefill per prompt token) must win; without a profile, i2s at the richest ISA.
static void test_plan(void) {
    const struct tern_cpu * cpu = tern_cpu_get();
    const struct tern_variant * d_fast = NULL, * p_slow = NULL, * d_other = NULL, * p_fast = NULL;
    size_t count;
    const struct tern_variant * v = tern_registry_variants(&count);
    for (size_t i = 0; i < count; i++) {
        if (v[i].wfmt != TERN_WFMT_I2S || !tern_variant_runnable(&v[i], cpu, NULL, 0)) continue;
        for (size_t j = 0; j < count; j++) {
            if (j == i || v[j].mr <= 1 || v[i].mr != 1 || v[j].pack != v[i].pack || v[j].nr != v[i].nr ||
                v[j].kb != v[i].kb || v[j].isa != v[i].isa || v[j].vbytes != v[i].vbytes || v[j].prep != v[i].prep ||
                !tern_variant_runnable(&v[j], cpu, NULL, 0)) {
                continue;
            }
            if (!d_fast) {
                d_fast = &v[i];
                p_slow = &v[j];
            } else if (!d_other && v[i].isa != d_fast->isa) {
                d_other = &v[i];
                p_fast = &v[j];
            }
        }
    }
    if (!d_other) {
        printf("test_plan: this CPU runs fewer than two i2s layouts; skipped\n");
        return;
    }
    struct tern_tune_candidate dc[2] = {
        { .v = d_fast, .median_us = 100.0, .samples = 3 }, { .v = d_other, .median_us = 110.0, .samples = 3 },
    };
    struct tern_tune_candidate pc[2] = {
        { .v = p_slow, .median_us = 64 * 50.0, .samples = 3 }, { .v = p_fast, .median_us = 64 * 20.0, .samples = 3 },
    };
    struct tern_tune_entry e[2] = {
        { .shape = { "s", 512, 256, 1 }, .tokens = 1, .threads = 1, .v = d_fast, .n_cand = 2, .cand = dc },
        { .shape = { "s", 512, 256, 1 }, .tokens = 64, .threads = 1, .v = p_fast, .n_cand = 2, .cand = pc },
    };
    struct tern_profile prof = { .n_entries = 2, .entries = e };
    struct tern_plan_choice c;
    tern_plan_choose(cpu, &prof, 512, 256, 1, &c);
    CHECK(c.from_profile && c.decode == d_other && c.prefill == p_fast, "plan: picked %s + %s", c.decode ? c.decode->name : "-",
          c.prefill ? c.prefill->name : "-");
    tern_plan_choose(cpu, &prof, 999, 256, 1, &c);      // a shape the profile lacks
    CHECK(!c.from_profile && c.decode && c.decode->wfmt == TERN_WFMT_I2S && c.decode->mr == 1 && c.prefill->mr > 1 &&
          c.prefill->pack == c.decode->pack && c.prefill->nr == c.decode->nr, "plan: heuristic pair");
}

int main(void) {
    test_stats();
    test_plan();

    // A small real run: two shapes, decode and an 8-token prefill, 1 and 2 threads, 1 second.
    struct tern_tune_shape shapes[2] = { { "small", 512, 256, 1 }, { "ragged", 700, 130, 2 } };
    const int threads[] = { 1, 2 };
    const size_t tokens[] = { 1, 8 };
    const struct tern_tune_request req = {
        .preset = "test", .shapes = shapes, .n_shapes = 2, .threads = threads, .n_threads = 2,
        .tokens = tokens, .n_tokens = 2, .budget_s = 1.0,
    };
    char err[1024];
    struct tern_profile * p = tern_tune_run(&req, err, sizeof(err));
    CHECK(p != NULL, "tune failed: %s", err);
    if (!p) return check_summary("test_tune");
    CHECK(p->n_entries == 8, "entries %zu", p->n_entries);
    const struct tern_cpu * cpu = tern_cpu_get();
    for (size_t i = 0; i < p->n_entries; i++) {
        const struct tern_tune_entry * e = &p->entries[i];
        CHECK(e->v && tern_variant_runnable(e->v, cpu, NULL, 0), "entry %zu: winner not runnable", i);
        int winner_rounds = -1;
        for (size_t c = 0; c < e->n_cand; c++) {
            if (strcmp(e->cand[c].status, "winner") == 0) {
                CHECK(strcmp(e->cand[c].name, e->winner) == 0, "winner flag on %s, entry says %s", e->cand[c].name, e->winner);
                winner_rounds = e->cand[c].rounds;
            }
        }
        for (size_t c = 0; c < e->n_cand; c++) {
            // Candidates timed in the winner's last round lose to it on the median.
            if (strcmp(e->cand[c].status, "timed") == 0 && e->cand[c].rounds == winner_rounds) {
                CHECK(e->cand[c].median_us >= e->winner_us, "entry %zu: %s (%.2f us) beat the winner (%.2f us)", i,
                      e->cand[c].name, e->cand[c].median_us, e->winner_us);
            }
        }
        CHECK(e->winner_us > 0 && isfinite(e->winner_us), "entry %zu: winner time %f", i, e->winner_us);
        CHECK(isfinite(e->scalar_us) && e->scalar_us > 0, "entry %zu: no scalar time", i);
    }
    CHECK(tern_profile_choose(p, 512, 256, 1, 1) == p->entries[0].v, "choose decode t1");
    CHECK(tern_profile_choose(p, 512, 256, 200, 2) == p->entries[3].v, "choose prefill t2 (nearest tokens)");
    CHECK(tern_profile_choose(p, 999, 256, 1, 1) == NULL, "unknown shape must give NULL");
    CHECK(tern_variant_heuristic(cpu, 1) != NULL && tern_variant_heuristic(cpu, 64) != NULL, "heuristic");
    CHECK(tern_variant_heuristic(cpu, 1)->mr == 1, "decode heuristic picks MR=1");

    char dir[] = "/tmp/tern-test-tune-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    char path[256];
    snprintf(path, sizeof(path), "%s/sub/dir/profile.json", dir);
    CHECK(tern_profile_save(p, path, err, sizeof(err)) == 0, "save: %s", err);
    bool stale;
    struct tern_profile * q = tern_profile_load(path, cpu, &stale, err, sizeof(err));
    CHECK(q != NULL && !stale, "load: %s", err);
    if (q) {
        CHECK(q->n_entries == p->n_entries && q->n_threads == 2, "round trip counts");
        for (size_t i = 0; i < q->n_entries && i < p->n_entries; i++) {
            CHECK(q->entries[i].v == p->entries[i].v && q->entries[i].n_cand == p->entries[i].n_cand &&
                  fabs(q->entries[i].winner_us - p->entries[i].winner_us) < 1e-6 * p->entries[i].winner_us,
                  "round trip entry %zu", i);
        }
        tern_profile_free(q);
    }

    // Corruptions: each one a clean refusal naming the problem.
    char * good = check_read_file(path, NULL);
    char bad_path[256];
    snprintf(bad_path, sizeof(bad_path), "%s/bad.json", dir);
    const size_t len = good ? strlen(good) : 0;
    for (size_t cut = 0; good && cut < len; cut += len / 23 + 1) {
        char * trunc = strndup(good, cut);
        write_text(bad_path, trunc);
        free(trunc);
        q = tern_profile_load(bad_path, cpu, &stale, err, sizeof(err));
        CHECK(q == NULL && !stale && strstr(err, "corrupt"), "truncated at %zu accepted or wrong message: %s", cut, err);
        tern_profile_free(q);
    }
    struct { const char * from, * to, * want; } edits[] = {
        { "\"format\":", "\"formax\":", "format" },
        { "\"winner_us\":", "\"winner_us\": \"x\", \"w\":", "winner_us" },
        { "\"k\":", "\"k\": -5, \"kk\":", "'k'" },
        { "\"entries\":", "\"entries\": 3, \"e\":", "entries" },
        { "\"threads\":", "\"threads\": [0], \"t\":", "threads" },
    };
    for (size_t i = 0; good && i < sizeof(edits) / sizeof(edits[0]); i++) {
        char * at = strstr(good, edits[i].from);
        if (!at) continue;
        char * edited = malloc(len + 64);
        snprintf(edited, len + 64, "%.*s%s%s", (int) (at - good), good, edits[i].to, at + strlen(edits[i].from));
        write_text(bad_path, edited);
        free(edited);
        q = tern_profile_load(bad_path, cpu, &stale, err, sizeof(err));
        CHECK(q == NULL && strstr(err, "corrupt") && strstr(err, edits[i].want), "edit %zu: %s", i, err);
        tern_profile_free(q);
    }
    // Stale: another registry hash, another CPU.
    if (good) {
        char * at = strstr(good, p->registry);
        char * edited = strdup(good);
        if (at) edited[at - good] = at[0] == '0' ? '1' : '0';
        write_text(bad_path, edited);
        free(edited);
        q = tern_profile_load(bad_path, cpu, &stale, err, sizeof(err));
        CHECK(q == NULL && stale && strstr(err, "other kernels"), "stale registry: %s", err);
        struct tern_cpu other = *cpu;
        other.usable ^= 1;
        q = tern_profile_load(path, &other, &stale, err, sizeof(err));
        CHECK(q == NULL && stale && strstr(err, "another CPU"), "stale cpu: %s", err);
    }
    q = tern_profile_load("/nonexistent/tern.json", cpu, &stale, err, sizeof(err));
    CHECK(q == NULL && !stale && strstr(err, "cannot open"), "missing file: %s", err);
    free(good);
    unlink(bad_path);
    unlink(path);
    tern_profile_free(p);
    return check_summary("test_tune");
}
