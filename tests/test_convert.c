// Hugging Face checkpoints (tern/hf_model.h, tern/convert.h), on twins of bitnet.cpp's three
// fixtures (tern/hf_write.h writes the same weights as a checkpoint of that family would hold
// them: packed uint8 + weight_scale, or latent F32/F16/BF16; llama Q/K rows unpermuted):
//  1. `-m HF_DIR`: the twin's logits equal the fixture GGUF's bit for bit (so they match
//     bitnet.cpp's golden logits exactly as closely as test_model measures), for every
//     storage style, sharded or not.
//  2. `tern convert`: the GGUF it writes holds bitnet.cpp's bytes: every tensor of the fixture,
//     same type and shape, I2_S payloads and scales identical (the tail's other 28 bytes are
//     llama-quantize's garbage), dense tensors identical, the model keys equal.
//  3. Checkpoints tern cannot run are refused with one line naming the problem.
// Argument: the fixtures directory.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "tern/convert.h"
#include "tern/gen_model.h"
#include "tern/hf_write.h"
#include "tern/i2s_disk.h"
#include "tern/model.h"
#include "tern/safetensors.h"

static float * logits_of(const char * path, const int32_t * tok, size_t n, size_t * nv) {
    struct tern_model m;
    char err[400];
    const struct tern_load_options o = { .threads = 1, .no_vocab = true };
    if (tern_model_load(&m, path, &o, err, sizeof(err))) {
        CHECK(0, "load %s: %s", path, err);
        return NULL;
    }
    struct tern_session s;
    float * out = NULL;
    if (tern_session_init(&s, &m, NULL, 1, 64, 64, TERN_KV_F16, err, sizeof(err)) == 0 &&
        tern_forward(&s, tok, n, true, err, sizeof(err)) == 0) {
        *nv = m.hp.n_vocab;
        out = malloc(n * *nv * sizeof(float));
        memcpy(out, s.logits, n * *nv * sizeof(float));
    } else {
        CHECK(0, "run %s: %s", path, err);
    }
    tern_session_free(&s);
    tern_model_free(&m);
    return out;
}

static void rm_dir(const char * dir) {
    char cmd[700];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
}

// Every tensor of the fixture in the converted file with bitnet.cpp's bytes; the model keys alike.
static void same_as_fixture(const struct tern_gguf * a, const struct tern_gguf * b, const char * what) {
    CHECK(a->n_tensors == b->n_tensors, "%s: %llu tensors, bitnet.cpp's file has %llu", what,
          (unsigned long long) b->n_tensors, (unsigned long long) a->n_tensors);
    size_t differ = 0;
    for (uint64_t i = 0; i < a->n_tensors; i++) {
        const struct tern_gguf_tensor * t = &a->tensors[i];
        char name[96];
        snprintf(name, sizeof(name), "%.*s", (int) t->name.len, t->name.ptr);
        const struct tern_gguf_tensor * u = tern_gguf_find_tensor(b, name);
        if (!u || u->type != t->type || memcmp(u->ne, t->ne, sizeof(t->ne)) != 0) {
            CHECK(0, "%s: tensor %s missing or of another type/shape", what, name);
            continue;
        }
        // I2_S: the packed values and the 4-byte scale of the tail.
        const size_t n = t->type == TERN_GGML_I2_S ? (size_t) (t->ne[0] * t->ne[1]) / 4 + 4 : (size_t) t->nbytes;
        differ += memcmp(t->data, u->data, n) != 0;
    }
    CHECK(differ == 0, "%s: %zu tensors' bytes differ from bitnet.cpp's", what, differ);
    static const char * const keys[] = { "embedding_length", "feed_forward_length", "block_count", "attention.head_count",
                                         "attention.head_count_kv", "context_length", "vocab_size" };
    struct tern_gguf_str arch;
    tern_gguf_get_str(a, "general.architecture", &arch);
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        char key[128];
        snprintf(key, sizeof(key), "%.*s.%s", (int) arch.len, arch.ptr, keys[i]);
        uint32_t x = 0, y = 1;
        if (!tern_gguf_get_u32(a, key, &x)) continue;
        CHECK(tern_gguf_get_u32(b, key, &y) && x == y, "%s: %s = %u, bitnet.cpp's %u", what, key, y, x);
    }
    float fa = 0, fb = 1;
    char key[128];
    snprintf(key, sizeof(key), "%.*s.rope.freq_base", (int) arch.len, arch.ptr);
    CHECK(tern_gguf_get_f32(a, key, &fa) && tern_gguf_get_f32(b, key, &fb) && fa == fb, "%s: %s", what, key);
    struct tern_gguf_str sa, sb;
    CHECK(tern_gguf_get_str(b, "general.architecture", &sb) && tern_gguf_get_str(a, "general.architecture", &sa) &&
          sa.len == sb.len && memcmp(sa.ptr, sb.ptr, sa.len) == 0, "%s: general.architecture", what);
}

// One GGUF (a fixture, or a gen-model file of a preset when fixtures are absent) through
// every twin style.
static void fixture(const char * fixtures, const char * name, const char * preset) {
    char gguf[600], dir[600], out[620], err[500];
    snprintf(gguf, sizeof(gguf), "%s/%s/model.gguf", fixtures, name);
    if (access(gguf, R_OK) != 0) {
        snprintf(gguf, sizeof(gguf), "%s/tern-convert-%d.gguf", P_tmpdir, (int) getpid());
        const struct tern_gen_options go = { .preset = preset, .out = gguf, .seed = 3 };
        printf("%s not found: a gen-model %s file instead\n", name, preset);
        if (tern_gen_model(&go, err, sizeof(err))) {
            CHECK(0, "gen-model: %s", err);
            return;
        }
        name = preset;
    }
    struct tern_gguf g;
    if (tern_gguf_open(&g, gguf, err, sizeof(err))) {
        CHECK(0, "%s", err);
        return;
    }
    const int32_t tok[12] = { 1, 5, 9, 33, 60, 2, 17, 90, 4, 41, 200, 7 };
    size_t nv;
    float * want = logits_of(gguf, tok, 12, &nv);
    static const struct { const char * what; struct tern_hf_twin_options o; } styles[] = {
        { "packed", { .latent = false } },
        { "packed, sharded", { .shard_bytes = 100000 } },
        { "latent BF16", { .latent = true, .latent_dtype = TERN_ST_BF16 } },
        { "latent F32", { .latent = true, .latent_dtype = TERN_ST_F32 } },
    };
    const bool generated = strstr(gguf, "tern-convert-") != NULL;
    for (size_t i = 0; want && i < sizeof(styles) / sizeof(styles[0]); i++) {
        snprintf(dir, sizeof(dir), "%s/tern-hf-%d-%s-%zu", P_tmpdir, (int) getpid(), name, i);
        // gen-model's scales are arbitrary floats; under bitlinear a checkpoint stores 1/s, and
        // not every float is a reciprocal of one: its packed twins multiply instead.
        struct tern_hf_twin_options o = styles[i].o;
        if (generated && !o.latent) o.linear_class = "autobitlinear";
        if (tern_hf_twin_write(&g, dir, &o, err, sizeof(err))) {
            CHECK(0, "%s twin (%s): %s", name, styles[i].what, err);
            continue;
        }
        size_t nv2;
        float * got = logits_of(dir, tok, 12, &nv2);
        CHECK(got && nv2 == nv && memcmp(got, want, 12 * nv * sizeof(float)) == 0,
              "%s: -m HF_DIR (%s) logits differ from the GGUF's", name, styles[i].what);
        free(got);
        snprintf(out, sizeof(out), "%s.gguf", dir);
        const struct tern_convert_options co = { .dir = dir, .out = out };
        if (tern_convert(&co, err, sizeof(err)) == 0) {
            struct tern_gguf c;
            if (tern_gguf_open(&c, out, err, sizeof(err)) == 0) {
                char what[200];
                snprintf(what, sizeof(what), "%s converted from %s", name, styles[i].what);
                same_as_fixture(&g, &c, what);
                tern_gguf_close(&c);
            }
            got = logits_of(out, tok, 12, &nv2);
            CHECK(got && memcmp(got, want, 12 * nv * sizeof(float)) == 0, "%s: converted (%s) logits differ", name,
                  styles[i].what);
            free(got);
            remove(out);
        } else {
            CHECK(0, "%s: convert (%s): %s", name, styles[i].what, err);
        }
        printf("%s, %s twin: -m HF_DIR and tern convert give the fixture's logits bit for bit\n", name, styles[i].what);
        if (i == 0) {
            // Refusals, on copies of this twin.
            char cfg[700];
            static char bad[1 << 17];
            snprintf(cfg, sizeof(cfg), "%s/config.json", dir);
            char * text = NULL;
            FILE * f = fopen(cfg, "r");
            size_t len = 0;
            if (f) {
                text = malloc(1 << 16);
                len = fread(text, 1, (1 << 16) - 1, f);
                text[len] = '\0';
                fclose(f);
            }
            const struct { const char * from, * to, * want; } edits[] = {
                { "ForCausalLM", "ForCausalLMX", "is not supported (tern runs" },
                { "\"hidden_act\": \"", "\"hidden_act\": \"gelu", "hidden_act 'gelu" },
                { "\"num_hidden_layers\": 2", "\"num_hidden_layers\": 3", "model.layers.2." },
            };
            for (size_t e = 0; text && e < sizeof(edits) / sizeof(edits[0]); e++) {
                const char * at = strstr(text, edits[e].from);
                if (!at) continue;
                snprintf(bad, sizeof(bad), "%.*s%s%s", (int) (at - text), text, edits[e].to, at + strlen(edits[e].from));
                f = fopen(cfg, "w");
                fputs(bad, f);
                fclose(f);
                struct tern_model m;
                const struct tern_load_options o = { .threads = 1 };
                const int rc = tern_model_load(&m, dir, &o, err, sizeof(err));
                CHECK(rc != 0 && strstr(err, edits[e].want) && !strchr(err, '\n'), "%s: config edit %zu: want '%s', got '%s'",
                      name, e, edits[e].want, rc ? err : "loaded");
                if (rc == 0) tern_model_free(&m);
            }
            if (text) {
                f = fopen(cfg, "w");
                fputs(text, f);
                fclose(f);
            }
            free(text);
            // A truncated safetensors file.
            char st[700];
            snprintf(st, sizeof(st), "%s/model.safetensors", dir);
            if (truncate(st, 1000) == 0) {
                struct tern_model m;
                const struct tern_load_options o = { .threads = 1 };
                const int rc = tern_model_load(&m, dir, &o, err, sizeof(err));
                CHECK(rc != 0 && err[0] && !strchr(err, '\n'), "%s: truncated safetensors: %s", name, rc ? err : "loaded");
                if (rc == 0) tern_model_free(&m);
            }
        }
        rm_dir(dir);
    }
    free(want);
    tern_gguf_close(&g);
    if (strstr(gguf, "tern-convert-")) remove(gguf);
}

int main(int argc, char ** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: test_convert FIXTURES_DIR\n");
        return 2;
    }
    fixture(argv[1], "bitnetcpp-tiny", "bitnet-b1.58-tiny");
    fixture(argv[1], "bitnetcpp-bitnet-tiny", "bitnet-tiny");
    fixture(argv[1], "bitnetcpp-llama-tiny", "llama-tiny");
    fixture(argv[1], "(a gen-model file)", "llama-tiny");
    return check_summary("test_convert");
}
