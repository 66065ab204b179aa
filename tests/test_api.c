// The public API as an embedding application sees it: this file includes tern.h only and is
// built against the `tern` target alone, without runtime/internal on its include path.
//  1. tern.h and what it includes are self-contained (the build of this file is the check).
//  2. A load that fails answers -1 with one line; the library reports through the log
//     callback the application installed, and prints nothing itself.
//  3. Through tern.h alone, bitnet.cpp's fixture tokenizes to bitnet.cpp's ids, and its
//     prompt's greedy continuation starts with bitnet.cpp's tokens.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "tern.h"

static int n_logged;
static void count_log(enum tern_log_level level, const char * msg, void * user) {
    (void) level;
    (void) user;
    if (!strchr(msg, '\n')) n_logged++;
}

static char * slurp(const char * path) {
    FILE * f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    const long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char * buf = n >= 0 ? malloc((size_t) n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t) n, f) == (size_t) n) {
        buf[n] = '\0';
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static size_t read_ids(const char * path, int32_t * ids, size_t max) {
    FILE * f = fopen(path, "r");
    size_t n = 0;
    while (f && n < max && fscanf(f, "%d", &ids[n]) == 1) n++;
    if (f) fclose(f);
    return n;
}

static int32_t argmax(const float * x, size_t n) {
    int32_t best = 0;
    for (size_t i = 1; i < n; i++) best = x[i] > x[best] ? (int32_t) i : best;
    return best;
}

int main(int argc, char ** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: test_api FIXTURE_DIR\n");
        return 2;
    }
    const char * dir = argv[1];
    char path[1024], err[512];
    tern_log_set(count_log, NULL);

    struct tern_model m;
    const struct tern_load_options bad = { .threads = 1 };
    err[0] = '\0';
    CHECK(tern_model_load(&m, "/nonexistent/model.gguf", &bad, err, sizeof(err)) == -1 && err[0] && !strchr(err, '\n'),
          "a missing file: -1 and one line, got '%s'", err);

    // A profile that does not parse: the load goes on with the heuristic and says so once.
    snprintf(path, sizeof(path), "%s/model.gguf", dir);
    const char * corrupt = "test_api-corrupt-profile.json";
    FILE * f = fopen(corrupt, "w");
    if (f) {
        fputs("{\"format\": ", f);
        fclose(f);
    }
    const struct tern_load_options lo = { .threads = 1, .profile_path = corrupt };
    const int rc = tern_model_load(&m, path, &lo, err, sizeof(err));
    remove(corrupt);
    CHECK(rc == 0, "load %s: %s", path, err);
    if (rc) return 1;
    CHECK(n_logged == 1, "the corrupt profile was reported %d times through the log callback", n_logged);

    // Tokenizer: bitnet.cpp's ids for its probe text.
    snprintf(path, sizeof(path), "%s/meta.json", dir);
    char * meta_text = slurp(path);
    cJSON * meta = meta_text ? cJSON_Parse(meta_text) : NULL;
    const cJSON * probe = cJSON_GetObjectItem(meta, "tokenizer_probe");
    const cJSON * text = cJSON_GetObjectItem(probe, "text"), * want = cJSON_GetObjectItem(probe, "bitnet_cpp_ids_add_special");
    CHECK(m.vocab && cJSON_IsString(text) && cJSON_IsArray(want), "the fixture's vocabulary and tokenizer probe");
    if (m.vocab && cJSON_IsString(text) && cJSON_IsArray(want)) {
        int32_t * ids = NULL;
        size_t n = 0;
        const int trc = tern_tokenize(m.vocab, text->valuestring, strlen(text->valuestring), true, true, &ids, &n, err,
                                      sizeof(err));
        bool same = trc == 0 && n == (size_t) cJSON_GetArraySize(want);
        for (size_t i = 0; same && i < n; i++) same = ids[i] == cJSON_GetArrayItem(want, (int) i)->valueint;
        CHECK(same, "tokenization differs from bitnet.cpp's (%zu ids, %d wanted)", n, cJSON_GetArraySize(want));
        free(ids);
    }
    cJSON_Delete(meta);
    free(meta_text);

    // The prompt, then greedy steps: bitnet.cpp's first continuation tokens.
    int32_t tok[64], greedy[64];
    snprintf(path, sizeof(path), "%s/tokens.txt", dir);
    const size_t n_tok = read_ids(path, tok, 64);
    snprintf(path, sizeof(path), "%s/greedy.txt", dir);
    const size_t n_greedy = read_ids(path, greedy, 64);
    CHECK(n_tok > 0 && n_greedy >= 4, "the fixture's tokens and greedy continuation");
    struct tern_session s;
    if (n_tok && n_greedy >= 4 && tern_session_init(&s, &m, NULL, 1, 0, 0, TERN_KV_F16, err, sizeof(err)) == 0) {
        size_t agree = 0;
        int frc = tern_forward(&s, tok, n_tok, false, err, sizeof(err));
        for (size_t i = 0; frc == 0 && i < 4; i++) {
            int32_t next = argmax(s.logits, m.hp.n_vocab);
            if (next != greedy[i]) break;
            agree++;
            frc = tern_forward(&s, &next, 1, false, err, sizeof(err));
        }
        CHECK(agree == 4, "greedy continuation: %zu of bitnet.cpp's first 4 tokens (%s)", agree, frc ? err : "ok");
        tern_session_free(&s);
    }
    tern_model_free(&m);
    tern_log_set(NULL, NULL);
    return check_summary("test_api");
}
