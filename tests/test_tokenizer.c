// The tokenizer and chat formats against other implementations:
//   - the fixtures' tokenizer probes (bitnet.cpp and llama.cpp ids, pieces and detokenized
//     text for a SentencePiece, a Falcon3 BPE and two Llama-3 BPE vocabularies), their
//     end-of-generation sets and chat formats; skipped with a note when ../shared/fixtures
//     is absent;
//   - chat renderings against llama.cpp's tests/test-chat-template.cpp expectations;
//   - every synthetic vocabulary gen-model writes: loads, its ids and flags, special-token
//     splitting, round trips of random and invalid-UTF-8 byte strings.
//   test_tokenizer FIXTURES_DIR
// Helper modes for tests/tokenizer/*.cjs:
//   test_tokenizer --roundtrip VOCAB.gguf RECORDS   each record must decode back to itself
//   test_tokenizer --chat FORMAT RECORDS            renders (role, content) record pairs

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "tern/gen_vocab.h"
#include "check.h"
#include "check_file.h"
#include "tern/chat.h"
#include "tern/gguf.h"
#include "tern/tokenizer.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static struct tern_vocab * open_vocab(struct tern_gguf * g, const char * path, const char * pre, char * err,
                                      size_t err_size) {
    if (tern_gguf_open(g, path, err, err_size)) return NULL;
    const struct tern_vocab_options o = { .pre = pre };
    struct tern_vocab * v = tern_vocab_load_opts(g, &o, err, err_size);
    if (!v) tern_gguf_close(g);
    return v;
}

static void close_vocab(struct tern_gguf * g, struct tern_vocab * v) {
    tern_vocab_free(v);
    tern_gguf_close(g);
}

static bool same_ids(const cJSON * want, const int32_t * ids, size_t n) {
    if (!cJSON_IsArray(want) || (size_t) cJSON_GetArraySize(want) != n) return false;
    size_t i = 0;
    const cJSON * it;
    cJSON_ArrayForEach(it, want) {
        if (!cJSON_IsNumber(it) || it->valueint != ids[i++]) return false;
    }
    return true;
}

static size_t unhex(const char * hex, char * out) {
    size_t n = 0;
    for (; hex[0] && hex[1]; hex += 2) {
        unsigned b;
        sscanf(hex, "%2x", &b);
        out[n++] = (char) b;
    }
    return n;
}

static int tokenize(const struct tern_vocab * v, const char * s, size_t n, bool add_special, bool parse_special,
                    int32_t ** ids, size_t * n_ids) {
    char err[300];
    if (tern_tokenize(v, s, n, add_special, parse_special, ids, n_ids, err, sizeof(err)) == 0) return 0;
    CHECK(0, "tokenize: %s", err);
    *ids = NULL;
    *n_ids = 0;
    return -1;
}

// What decoding promises: the pieces (special tokens as text), less the space SentencePiece
// puts in front. SentencePiece gives U+2581 back as a space.
static bool round_trips(const struct tern_vocab * v, const char * s, size_t n, bool parse_special) {
    int32_t * ids;
    size_t n_ids;
    if (tokenize(v, s, n, false, parse_special, &ids, &n_ids)) return false;
    char * back = malloc(4 * n + 8), * want = malloc(n + 1);
    size_t at = 0, m = 0;
    for (size_t i = 0; i < n_ids; i++) {
        char piece[1100];
        size_t k = tern_token_bytes(v, ids[i], true, piece, sizeof(piece));
        const char * p = piece;
        if (i == 0 && tern_vocab_add_space_prefix(v) && k && p[0] == ' ') p++, k--;
        if (at + k <= 4 * n + 8) memcpy(back + at, p, k);
        at += k;
    }
    for (size_t i = 0; i < n; i++) {
        if (tern_vocab_kind(v) == TERN_VOCAB_SPM && i + 3 <= n && !memcmp(s + i, "\xe2\x96\x81", 3)) {
            want[m++] = ' ';
            i += 2;
        } else {
            want[m++] = s[i];
        }
    }
    const bool ok = at == m && memcmp(back, want, m) == 0;
    free(back);
    free(want);
    free(ids);
    return ok;
}

// ---------------------------------------------------------------------------- fixtures

// A probe list of meta.json (bitnetcpp-bitnet-tiny / bitnetcpp-llama-tiny layout): ids with and
// without add_special, every piece (special = true), the detokenized text.
static void check_probes(const char * what, const struct tern_vocab * v, const cJSON * probes, size_t * n_equal,
                         const char * const * known_different) {
    const cJSON * p;
    cJSON_ArrayForEach(p, probes) {
        const char * text = cJSON_GetStringValue(cJSON_GetObjectItem(p, "text"));
        if (!text) continue;
        bool equal = true;
        for (int special = 1; special >= 0; special--) {
            int32_t * ids;
            size_t n;
            if (tokenize(v, text, strlen(text), special, false, &ids, &n)) return;
            const bool same = same_ids(cJSON_GetObjectItem(p, special ? "ids_add_special" : "ids_no_special"), ids, n);
            equal = equal && same;
            bool known = false;
            for (size_t k = 0; known_different && known_different[k]; k++) known |= strstr(text, known_different[k]) != NULL;
            CHECK(same || known, "%s: %s ids of \"%s\" differ", what, special ? "add_special" : "no_special", text);
            if (same && special) {
                const cJSON * hex = cJSON_GetObjectItem(p, "pieces_hex");
                bool pieces_ok = (size_t) cJSON_GetArraySize(hex) == n;
                for (size_t i = 0; pieces_ok && i < n; i++) {
                    char want[256], got[1100];
                    const size_t wn = unhex(cJSON_GetStringValue(cJSON_GetArrayItem(hex, (int) i)), want);
                    pieces_ok = tern_token_bytes(v, ids[i], true, got, sizeof(got)) == wn && !memcmp(got, want, wn);
                }
                CHECK(pieces_ok, "%s: the pieces of \"%s\" differ", what, text);
            }
            if (same && !special) {
                char want[512], err[200], * got;
                size_t gn;
                const size_t wn = unhex(cJSON_GetStringValue(cJSON_GetObjectItem(p, "detok_hex")), want);
                CHECK(tern_detokenize(v, ids, n, false, false, &got, &gn, err, sizeof(err)) == 0 && gn == wn &&
                          !memcmp(got, want, wn),
                      "%s: \"%s\" detokenizes differently", what, text);
                free(got);
            }
            free(ids);
        }
        *n_equal += equal;
    }
}

static void check_eog(const char * what, const struct tern_vocab * v, const int32_t * want, size_t n_want) {
    const int32_t * ids;
    const size_t n = tern_vocab_eog(v, &ids);
    CHECK(n == n_want && !memcmp(ids, want, n * sizeof(int32_t)), "%s: %zu end-of-generation ids, not the %zu expected",
          what, n, n_want);
    for (size_t i = 0; i < n_want; i++) CHECK(tern_vocab_is_eog(v, want[i]), "%s: %d is not EOG", what, want[i]);
}

static void check_chat_detect(const char * what, const struct tern_gguf * g, const struct tern_vocab * v,
                              enum tern_chat_format want) {
    char why[200];
    const enum tern_chat_format f = tern_chat_detect_gguf(g, v, why, sizeof(why));
    CHECK(f == want, "%s: chat format %s (%s), %s expected", what, tern_chat_format_name(f), why, tern_chat_format_name(want));
}

static cJSON * read_meta(const char * dir, const char * fixture) {
    char path[512];
    snprintf(path, sizeof(path), "%s/%s/meta.json", dir, fixture);
    char * text = check_read_file(path, NULL);
    cJSON * meta = text ? cJSON_Parse(text) : NULL;
    free(text);
    CHECK(meta, "read %s", path);
    return meta;
}

static void fixtures(const char * dir) {
    char path[512], err[300];
    struct tern_gguf g;
    struct tern_vocab * v;

    // 1bitLLM-style SentencePiece (bitnet.cpp): every probe exact.
    cJSON * meta = read_meta(dir, "bitnetcpp-bitnet-tiny");
    snprintf(path, sizeof(path), "%s/bitnetcpp-bitnet-tiny/model.gguf", dir);
    if (meta && (v = open_vocab(&g, path, NULL, err, sizeof(err)))) {
        size_t eq = 0;
        const cJSON * probes = cJSON_GetObjectItem(cJSON_GetObjectItem(meta, "tokenizer_probe"), "probes");
        check_probes("bitnetcpp-bitnet-tiny", v, probes, &eq, NULL);
        printf("bitnetcpp-bitnet-tiny (SentencePiece): %zu of %d probes exactly as bitnet.cpp\n", eq, cJSON_GetArraySize(probes));
        CHECK(tern_vocab_kind(v) == TERN_VOCAB_SPM && tern_vocab_unk(v) == 0 && tern_vocab_bos(v) == 1 &&
                  tern_vocab_eos(v) == 2 && tern_vocab_add_bos(v) && !tern_vocab_add_eos(v) && tern_vocab_add_space_prefix(v),
              "bitnetcpp-bitnet-tiny: SentencePiece ids and flags");
        check_eog("bitnetcpp-bitnet-tiny", v, (const int32_t[]) { 2 }, 1);     // </s>: eos, and by name
        check_chat_detect("bitnetcpp-bitnet-tiny", &g, v, TERN_CHAT_NONE);
        const struct tern_vocab_options o = { .pre = "default" };
        CHECK(!tern_vocab_load_opts(&g, &o, err, sizeof(err)) && err[0], "a pre-tokenizer is refused for SentencePiece");
        close_vocab(&g, v);
    } else {
        CHECK(!meta, "load %s: %s", path, err);
    }
    cJSON_Delete(meta);

    // Falcon3-style BPE, pre "falcon3". bitnet.cpp's fork has no regex for it and falls back
    // to llama.cpp's default one: with pre "default" tern reproduces it exactly. The file's
    // own pre is Llama-3's split (as upstream llama.cpp maps falcon3), which differs on
    // " (" and "\n\n" only.
    meta = read_meta(dir, "bitnetcpp-llama-tiny");
    snprintf(path, sizeof(path), "%s/bitnetcpp-llama-tiny/model.gguf", dir);
    for (int as_bitnet_cpp = 1; meta && as_bitnet_cpp >= 0; as_bitnet_cpp--) {
        if (!(v = open_vocab(&g, path, as_bitnet_cpp ? "default" : NULL, err, sizeof(err)))) {
            CHECK(0, "load %s: %s", path, err);
            break;
        }
        static const char * const split_differs[] = { " (", "\n\n", NULL };
        size_t eq = 0;
        const cJSON * probes = cJSON_GetObjectItem(cJSON_GetObjectItem(meta, "tokenizer_probe"), "probes");
        check_probes(as_bitnet_cpp ? "bitnetcpp-llama-tiny (pre default)" : "bitnetcpp-llama-tiny", v, probes, &eq,
                     as_bitnet_cpp ? NULL : split_differs);
        printf("bitnetcpp-llama-tiny (falcon3, pre %s): %zu of %d probes exactly as bitnet.cpp\n", tern_vocab_pre(v), eq,
               cJSON_GetArraySize(probes));
        if (!as_bitnet_cpp) {
            CHECK(!strcmp(tern_vocab_pre(v), "llama3") && strstr(tern_vocab_pre_why(v), "falcon3"),
                  "falcon3 is Llama-3's split (%s: %s)", tern_vocab_pre(v), tern_vocab_pre_why(v));
            CHECK(tern_vocab_bos(v) == 565 && tern_vocab_eos(v) == 565 && tern_vocab_add_bos(v), "Falcon3 ids and flags");
            check_eog("bitnetcpp-llama-tiny", v, (const int32_t[]) { 565 }, 1);     // <|endoftext|>
            check_chat_detect("bitnetcpp-llama-tiny", &g, v, TERN_CHAT_NONE);    // no chat tokens in this vocabulary
        }
        close_vocab(&g, v);
    }
    cJSON_Delete(meta);

    // Llama-3 BPE, pre llama-bpe (upstream llama.cpp).
    meta = read_meta(dir, "llamacpp-tq-tiny");
    snprintf(path, sizeof(path), "%s/llamacpp-tq-tiny/model-tq2_0.gguf", dir);
    if (meta && (v = open_vocab(&g, path, NULL, err, sizeof(err)))) {
        size_t eq = 0, total = 0;
        const cJSON * c;
        cJSON_ArrayForEach(c, cJSON_GetObjectItem(cJSON_GetObjectItem(meta, "tokenizer_probe"), "cases")) {
            const char * text = cJSON_GetStringValue(cJSON_GetObjectItem(c, "text"));
            int32_t * ids;
            size_t n;
            if (!text || tokenize(v, text, strlen(text), false, false, &ids, &n)) continue;
            const bool same = same_ids(cJSON_GetObjectItem(c, "ids"), ids, n);
            CHECK(same, "llamacpp-tq-tiny: ids of \"%s\" differ", text);
            eq += same;
            total++;
            free(ids);
        }
        printf("llamacpp-tq-tiny (llama-bpe): %zu of %zu probes exactly as llama.cpp\n", eq, total);
        check_eog("llamacpp-tq-tiny", v, (const int32_t[]) { 503, 510, 511 }, 3);   // eos, <|eom_id|>, <|eot_id|>
        CHECK(tern_vocab_eot(v) == 511, "llamacpp-tq-tiny: end of turn %d, not <|eot_id|>", tern_vocab_eot(v));
        check_chat_detect("llamacpp-tq-tiny", &g, v, TERN_CHAT_LLAMA3);
        close_vocab(&g, v);
    } else {
        CHECK(!meta, "load %s: %s", path, err);
    }
    cJSON_Delete(meta);

    // Microsoft's 2B4T layout (no tokenizer.ggml.pre, a wrong template): bitnet.cpp's ids of
    // its probe with tern's Llama-3 default and with llama.cpp's default, which agree here.
    meta = read_meta(dir, "bitnetcpp-tiny");
    snprintf(path, sizeof(path), "%s/bitnetcpp-tiny/model.gguf", dir);
    for (int pass = 0; meta && pass < 2; pass++) {
        if (!(v = open_vocab(&g, path, pass ? "default" : NULL, err, sizeof(err)))) {
            CHECK(0, "load %s: %s", path, err);
            break;
        }
        const cJSON * probe = cJSON_GetObjectItem(meta, "tokenizer_probe");
        const char * text = cJSON_GetStringValue(cJSON_GetObjectItem(probe, "text"));
        int32_t * ids;
        size_t n;
        if (text && !tokenize(v, text, strlen(text), true, false, &ids, &n)) {
            CHECK(same_ids(cJSON_GetObjectItem(probe, "bitnet_cpp_ids_add_special"), ids, n),
                  "bitnetcpp-tiny (pre %s): the probe's ids differ from bitnet.cpp's", tern_vocab_pre(v));
            free(ids);
        }
        if (!pass) {
            CHECK(!strcmp(tern_vocab_pre(v), "llama3") && strstr(tern_vocab_pre_why(v), "missing"),
                  "2B4T without tokenizer.ggml.pre: %s (%s)", tern_vocab_pre(v), tern_vocab_pre_why(v));
            check_eog("bitnetcpp-tiny", v, (const int32_t[]) { 503, 510, 511 }, 3);
            check_chat_detect("bitnetcpp-tiny", &g, v, TERN_CHAT_BITNET);
        }
        close_vocab(&g, v);
    }
    cJSON_Delete(meta);
}

// ---------------------------------------------------------------------------- chat formats

// llama.cpp tests/test-chat-template.cpp: its conversation and expected outputs (add_ass).
static const struct tern_chat_message conversation[] = {
    { "system", "You are a helpful assistant" }, { "user", "Hello" }, { "assistant", "Hi there" },
    { "user", "Who are you" }, { "assistant", "   I am an assistant   " }, { "user", "Another question" },
};

static void chat_formats(void) {
    static const struct {
        enum tern_chat_format f;
        const char * want, * source;
    } cases[] = {
        { TERN_CHAT_CHATML,
          "<|im_start|>system\nYou are a helpful assistant<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>"
          "assistant\nHi there<|im_end|>\n<|im_start|>user\nWho are you<|im_end|>\n<|im_start|>assistant\n   I am an "
          "assistant   <|im_end|>\n<|im_start|>user\nAnother question<|im_end|>\n<|im_start|>assistant\n",
          "llama.cpp test-chat-template.cpp, teknium/OpenHermes-2.5-Mistral-7B" },
        { TERN_CHAT_LLAMA3,
          "<|start_header_id|>system<|end_header_id|>\n\nYou are a helpful assistant<|eot_id|><|start_header_id|>user"
          "<|end_header_id|>\n\nHello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHi there<|eot_id|>"
          "<|start_header_id|>user<|end_header_id|>\n\nWho are you<|eot_id|><|start_header_id|>assistant"
          "<|end_header_id|>\n\nI am an assistant<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnother "
          "question<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
          "llama.cpp test-chat-template.cpp, Llama-3" },
        // No expected string in llama.cpp's test for it: its src/llama-chat.cpp writes
        // ss << "<|" << role << "|>\n" << message->content << "\n"; then "<|assistant|>\n".
        { TERN_CHAT_FALCON3,
          "<|system|>\nYou are a helpful assistant\n<|user|>\nHello\n<|assistant|>\nHi there\n<|user|>\nWho are you\n"
          "<|assistant|>\n   I am an assistant   \n<|user|>\nAnother question\n<|assistant|>\n",
          "llama.cpp src/llama-chat.cpp LLM_CHAT_TEMPLATE_FALCON_3" },
        // 2B4T's tokenizer_config.json template, less the leading bos_token.
        { TERN_CHAT_BITNET,
          "System: You are a helpful assistant<|eot_id|>User: Hello<|eot_id|>Assistant: Hi there<|eot_id|>User: Who are "
          "you<|eot_id|>Assistant:    I am an assistant   <|eot_id|>User: Another question<|eot_id|>Assistant: ",
          "microsoft/bitnet-b1.58-2B-4T chat template" },
        { TERN_CHAT_NONE, "You are a helpful assistantHelloHi thereWho are you   I am an assistant   Another question",
          "the contents, one after another" },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char * got = tern_chat_render(cases[i].f, conversation, COUNT(conversation), true);
        CHECK(got && !strcmp(got, cases[i].want), "%s: rendering differs from %s:\n%s", tern_chat_format_name(cases[i].f),
              cases[i].source, got ? got : "(NULL)");
        // A kept context: the delta of each new user turn is the rest of the full rendering.
        for (size_t past = 1; got && past < COUNT(conversation); past++) {
            char * full = tern_chat_render(cases[i].f, conversation, past + 1, true);
            char * prefix = tern_chat_render(cases[i].f, conversation, past, false);
            char * delta = tern_chat_render_delta(cases[i].f, conversation, past, past + 1, true);
            const size_t lp = prefix ? strlen(prefix) : 0;
            const bool nl = lp && prefix[lp - 1] == '\n';
            CHECK(full && prefix && delta && !strncmp(full, prefix, lp) && delta[0] == (nl ? '\n' : delta[0]) &&
                      !strcmp(delta + nl, full + lp),
                  "%s: delta after %zu messages", tern_chat_format_name(cases[i].f), past);
            free(full);
            free(prefix);
            free(delta);
        }
        enum tern_chat_format back;
        char err[200];
        CHECK(tern_chat_format_from_name(tern_chat_format_name(cases[i].f), &back, err, sizeof(err)) == 0 &&
                  back == cases[i].f,
              "format %s by name", tern_chat_format_name(cases[i].f));
        free(got);
    }
    enum tern_chat_format f;
    char err[200];
    CHECK(tern_chat_format_from_name("jinja", &f, err, sizeof(err)) == -1 && strstr(err, "jinja") && strstr(err, "chatml") &&
              !strchr(err, '\n'),
          "an unknown format is a one-line refusal: %s", err);
    // The old CLI helper is the bitnet format with the BOS text in front of the first turn.
    char * first = tern_chat_turn_bitnet("S", "U", true), * next = tern_chat_turn_bitnet("S", "V", false);
    CHECK(first && !strcmp(first, "<|begin_of_text|>System: S<|eot_id|>User: U<|eot_id|>Assistant: "), "bitnet first turn");
    CHECK(next && !strcmp(next, "User: V<|eot_id|>Assistant: "), "bitnet next turn");
    free(first);
    free(next);
    const struct tern_chat_message bad[] = { { "user", NULL } };
    CHECK(!tern_chat_render(TERN_CHAT_LLAMA3, bad, 1, true), "a NULL content is refused");
    // Detection by template shape, and arch first for 2B4T.
    static const struct {
        const char * arch, * tmpl;
        enum tern_chat_format want;
    } detect[] = {
        { "llama", "{% for m in messages %}{{'<|im_start|>' + m['role'] + '\\n'}}{% endfor %}", TERN_CHAT_CHATML },
        { "llama", "{{ '<|start_header_id|>' + r + '<|end_header_id|>\\n\\n' }}", TERN_CHAT_LLAMA3 },
        { "llama", "{{ '<|user|>\\n' + c }}{{ '<|assistant|>\\n' }}", TERN_CHAT_FALCON3 },
        { "llama", "{{ '<|user|>\\n' }}<|end|>{{ '<|assistant|>' }}", TERN_CHAT_NONE },     // phi3: not tern's
        { "llama", "{{ message['role'] | capitalize }}: {{ c }}<|eot_id|>", TERN_CHAT_BITNET },
        { "bitnet-b1.58", "Human: {{c}}\\n\\nBITNETAssistant: ", TERN_CHAT_BITNET },
        { "bitnet-25", NULL, TERN_CHAT_BITNET },
        { "llama", NULL, TERN_CHAT_NONE },
    };
    for (size_t i = 0; i < COUNT(detect); i++) {
        char why[200];
        const enum tern_chat_format got = tern_chat_detect(detect[i].arch, detect[i].tmpl, NULL, why, sizeof(why));
        CHECK(got == detect[i].want && why[0] && !strchr(why, '\n'), "detect #%zu: %s (%s)", i, tern_chat_format_name(got), why);
    }
}

// ---------------------------------------------------------------------------- synthetic vocabularies

static int write_vocab(enum tern_gen_vocab_kind kind, size_t n, const char * arch, const char * pre, const char * path) {
    struct tern_gen_vocab gv = { 0 };
    char err[300];
    if (tern_gen_vocab_synthetic(&gv, kind, n, 7, err, sizeof(err))) {
        CHECK(0, "synthetic vocabulary: %s", err);
        return -1;
    }
    if (pre) gv.pre = pre;
    struct tern_gguf_writer * w = tern_gguf_writer_new();
    tern_gguf_add_str(w, "general.architecture", arch);
    tern_gen_vocab_add_keys(w, &gv);
    const int rc = tern_gguf_writer_write(w, path, err, sizeof(err));
    CHECK(rc == 0, "write %s: %s", path, err);
    tern_gguf_writer_free(w);
    tern_gen_vocab_free(&gv);
    return rc;
}

static void random_bytes(uint64_t * s, char * out, size_t n, const struct tern_vocab * v) {
    static const char * const parts[] = { " ", "  ", "\n", "the", " quick", "\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac",
                                          "\xf0\x9f\x98\x80", "\x80", "\xc3", "\xff", "\xe2\x96\x81", "123", "<s>",
                                          "</line>", "<|endoftext|>", "<|eot_id|>", "\t", "\xed\xa0\x80" };
    size_t at = 0;
    while (at < n) {
        const uint64_t r = rng_next(s);
        if (r % 3 == 0) {
            const char * p = parts[(r >> 8) % COUNT(parts)];
            if (tern_vocab_kind(v) == TERN_VOCAB_SPM && !strcmp(p, "</line>")) continue;
            const size_t l = strlen(p);
            if (at + l > n) break;
            memcpy(out + at, p, l);
            at += l;
        } else if (r % 3 == 1) {
            out[at++] = (char) (33 + (r >> 8) % 94);
        } else {
            size_t len;
            const char * t = tern_vocab_token_text(v, (int32_t) ((r >> 8) % tern_vocab_size(v)), &len);
            if (tern_vocab_kind(v) == TERN_VOCAB_SPM && t[0] == '<') continue;     // see synthetic()
            if (at + len > n) break;
            memcpy(out + at, t, len);
            at += len;
        }
    }
    out[at] = '\0';
}

static void synthetic(void) {
    char path[256], err[300];
    snprintf(path, sizeof(path), "%s/tern-test-tokenizer-%d.gguf", P_tmpdir, (int) getpid());
    static const struct {
        enum tern_gen_vocab_kind kind;
        size_t n;
        const char * arch, * pre, * want_pre, * kind_name;
        enum tern_chat_format chat;
    } cases[] = {
        { TERN_GEN_VOCAB_LLAMA3, 600, "bitnet-b1.58", NULL, "llama3", "byte-level BPE", TERN_CHAT_BITNET },
        { TERN_GEN_VOCAB_LLAMA3, 4096, "llama", "llama-bpe", "llama3", "byte-level BPE", TERN_CHAT_LLAMA3 },
        { TERN_GEN_VOCAB_LLAMA3, 600, "mystery", NULL, "default", "byte-level BPE", TERN_CHAT_LLAMA3 },
        { TERN_GEN_VOCAB_FALCON3, 700, "llama", NULL, "llama3", "byte-level BPE", TERN_CHAT_FALCON3 },
        { TERN_GEN_VOCAB_LLAMA2_SPM, 32002, "bitnet", NULL, "none", "SentencePiece", TERN_CHAT_NONE },
        { TERN_GEN_VOCAB_LLAMA2_SPM, 400, "bitnet", NULL, "none", "SentencePiece", TERN_CHAT_NONE },
    };
    for (size_t c = 0; c < COUNT(cases); c++) {
        struct tern_gguf g;
        struct tern_vocab * v;
        if (write_vocab(cases[c].kind, cases[c].n, cases[c].arch, cases[c].pre, path)) continue;
        if (!(v = open_vocab(&g, path, NULL, err, sizeof(err)))) {
            CHECK(0, "load synthetic vocabulary #%zu: %s", c, err);
            continue;
        }
        CHECK(tern_vocab_size(v) == cases[c].n && !strcmp(tern_vocab_kind_name(v), cases[c].kind_name) &&
                  !strcmp(tern_vocab_pre(v), cases[c].want_pre) && tern_vocab_add_bos(v),
              "synthetic #%zu: %zu tokens, %s, pre %s (%s)", c, tern_vocab_size(v), tern_vocab_kind_name(v),
              tern_vocab_pre(v), tern_vocab_pre_why(v));
        check_chat_detect("synthetic", &g, v, cases[c].chat);
        const int32_t bos = tern_vocab_bos(v), eos = tern_vocab_eos(v);
        size_t len;
        const char * bos_text = tern_vocab_token_text(v, bos, &len);
        switch (cases[c].kind) {
        case TERN_GEN_VOCAB_LLAMA3:
            CHECK(bos_text && len == 17 && !memcmp(bos_text, "<|begin_of_text|>", 17) && tern_vocab_is_eog(v, eos) &&
                      tern_vocab_is_eog(v, tern_vocab_find(v, "<|eot_id|>")) && tern_vocab_eot(v) == tern_vocab_find(v, "<|eot_id|>"),
                  "Llama-3 ids");
            break;
        case TERN_GEN_VOCAB_FALCON3:
            CHECK(bos == 11 && eos == 11 && tern_vocab_find(v, "<|endoftext|>") == 11 && tern_vocab_is_eog(v, 11) &&
                      tern_vocab_find(v, "<|assistant|>") >= 0 && tern_vocab_find(v, ">>TITLE<<") == 0,
                  "Falcon3 ids");
            break;
        case TERN_GEN_VOCAB_LLAMA2_SPM: {
            CHECK(tern_vocab_unk(v) == 0 && bos == 1 && eos == 2 && tern_vocab_add_space_prefix(v) &&
                      tern_vocab_find(v, "<pad>") == (int32_t) cases[c].n - 2 &&
                      tern_vocab_find(v, "</line>") == (int32_t) cases[c].n - 1 && tern_vocab_is_eog(v, 2),
                  "SentencePiece ids");
            // A user-defined token is split out even as plain text; control ones only when asked.
            int32_t * ids;
            size_t n;
            if (!tokenize(v, "a</line>b", 9, false, false, &ids, &n)) {
                bool found = false;
                for (size_t i = 0; i < n; i++) found |= ids[i] == (int32_t) cases[c].n - 1;
                CHECK(found, "</line> is split out of plain text");
                free(ids);
            }
            if (!tokenize(v, "<s>x", 4, false, false, &ids, &n)) {
                CHECK(n > 1 && ids[0] != 1, "<s> is text without parse_special");
                free(ids);
            }
            if (!tokenize(v, "<s>x", 4, true, true, &ids, &n)) {
                CHECK(n >= 3 && ids[0] == 1 && ids[1] == 1, "<s> is BOS with parse_special");
                free(ids);
            }
            break;
        }
        }
        // Round trips: random text (special texts included, parsed or not) and invalid UTF-8.
        uint64_t s = 0x70c0 + c;
        size_t ok = 0, tried = 0;
        for (int i = 0; i < 400; i++) {
            char text[300];
            random_bytes(&s, text, 200, v);
            for (int special = 0; special < 2; special++) {
                if (special && tern_vocab_kind(v) == TERN_VOCAB_SPM) continue;
                // SentencePiece promises nothing for user-defined token texts (a space follows
                // each special token) or "<0x" (pieces may merge into a byte token's text).
                if (tern_vocab_kind(v) == TERN_VOCAB_SPM &&
                    (strstr(text, "<pad>") || strstr(text, "</line>") || strstr(text, "<0x"))) {
                    continue;
                }
                tried++;
                const bool r = round_trips(v, text, strlen(text), special);
                ok += r;
                CHECK(r, "synthetic #%zu: a byte string does not round-trip (special %d)", c, special);
            }
        }
        printf("synthetic %s (%zu tokens, arch %s): %zu of %zu byte strings round-trip\n", tern_vocab_kind_name(v),
               cases[c].n, cases[c].arch, ok, tried);
        close_vocab(&g, v);
    }
    // Refusals: an unknown pre-tokenizer, in the file or by name, in one line naming it.
    if (!write_vocab(TERN_GEN_VOCAB_LLAMA3, 600, "llama", "qwen9", path)) {
        struct tern_gguf g;
        CHECK(!open_vocab(&g, path, NULL, err, sizeof(err)) && strstr(err, "'qwen9'") && strstr(err, "llama-bpe") &&
                  !strchr(err, '\n'),
              "an unknown tokenizer.ggml.pre is refused: %s", err);
        CHECK(!open_vocab(&g, path, "nope", err, sizeof(err)) && strstr(err, "'nope'"), "an unknown pre by name: %s", err);
        struct tern_vocab * v = open_vocab(&g, path, "gpt2", err, sizeof(err));
        CHECK(v && !strcmp(tern_vocab_pre(v), "gpt2") && strstr(tern_vocab_pre_why(v), "qwen9"), "a pre by name overrides");
        if (v) close_vocab(&g, v);
    }
    remove(path);
}

// ---------------------------------------------------------------------------- helper modes

static int roundtrip_mode(const char * vocab_path, const char * records) {
    struct tern_gguf g;
    char err[300];
    struct tern_vocab * v = open_vocab(&g, vocab_path, NULL, err, sizeof(err));
    size_t len;
    char * buf = check_read_file(records, &len);
    if (!v || !buf) {
        fprintf(stderr, "test_tokenizer: %s\n", v ? "cannot read the records" : err);
        return 1;
    }
    size_t n_rec = 0, failed = 0;
    for (size_t at = 0; at + 4 <= len; n_rec++) {
        uint32_t n;
        memcpy(&n, buf + at, 4);
        if (n > len - at - 4) break;
        if (!round_trips(v, buf + at + 4, n, false)) {
            failed++;
            fprintf(stderr, "test_tokenizer: record %zu does not round-trip\n", n_rec);
        }
        at += 4 + (size_t) n;
    }
    printf("%zu of %zu byte strings round-trip\n", n_rec - failed, n_rec);
    free(buf);
    close_vocab(&g, v);
    return failed ? 1 : 0;
}

static int chat_mode(const char * format, const char * records) {
    enum tern_chat_format f;
    char err[200];
    size_t len;
    char * buf = check_read_file(records, &len);
    if (tern_chat_format_from_name(format, &f, err, sizeof(err)) || !buf) {
        fprintf(stderr, "test_tokenizer: %s\n", buf ? err : "cannot read the records");
        free(buf);
        return 1;
    }
    struct tern_chat_message msgs[64];
    char * fields[128];
    size_t n_fields = 0;
    for (size_t at = 0; at + 4 <= len && n_fields < COUNT(fields);) {
        uint32_t n;
        memcpy(&n, buf + at, 4);
        if (n > len - at - 4) break;
        memmove(buf + at, buf + at + 4, n);       // in place, NUL-terminated where the next length was
        buf[at + n] = '\0';
        fields[n_fields++] = buf + at;
        at += 4 + (size_t) n;
    }
    for (size_t i = 0; i + 1 < n_fields; i += 2) msgs[i / 2] = (struct tern_chat_message) { fields[i], fields[i + 1] };
    char * out = tern_chat_render(f, msgs, n_fields / 2, true);
    if (out) fputs(out, stdout);
    free(out);
    free(buf);
    return out ? 0 : 1;
}

int main(int argc, char ** argv) {
    if (argc == 4 && !strcmp(argv[1], "--roundtrip")) return roundtrip_mode(argv[2], argv[3]);
    if (argc == 4 && !strcmp(argv[1], "--chat")) return chat_mode(argv[2], argv[3]);
    const char * dir = argc > 1 ? argv[1] : "../shared/fixtures";
    char probe[512];
    snprintf(probe, sizeof(probe), "%s/bitnetcpp-bitnet-tiny/meta.json", dir);
    if (access(probe, R_OK) == 0) {
        fixtures(dir);
    } else {
        printf("SKIP the fixture probes: %s is absent (shared/fixtures beside the checkout)\n", probe);
    }
    chat_formats();
    synthetic();
    return check_summary("test_tokenizer");
}
