// Vocabularies for generated model files (see gen-vocab.h).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tern/gen_vocab.h"
#include "tern/bpe_bytes.h"
#include "tern/file.h"
#include "tern/gguf.h"
#include "tern/rng.h"

enum { NORMAL = 1, UNKNOWN = 2, CONTROL = 3, USER_DEFINED = 4, BYTE = 6 };

void tern_gen_vocab_free(struct tern_gen_vocab * v) {
    for (size_t i = 0; v->text && i < v->n; i++) free(v->text[i]);
    for (size_t i = 0; v->merges && i < v->n_merges; i++) free(v->merges[i]);
    free(v->text);
    free(v->len);
    free(v->type);
    free(v->score);
    free(v->merges);
    memset(v, 0, sizeof(*v));
}

static int vocab_alloc(struct tern_gen_vocab * v, size_t n, size_t n_merges) {
    v->n = n;
    v->n_merges = n_merges;
    v->text = calloc(n, sizeof(char *));
    v->len = calloc(n, sizeof(size_t));
    v->type = calloc(n, sizeof(int32_t));
    v->score = calloc(n, sizeof(float));
    v->merges = calloc(n_merges ? n_merges : 1, sizeof(char *));
    v->bos = v->eos = v->unk = v->eot = v->pad = -1;
    return v->text && v->len && v->type && v->score && v->merges ? 0 : -1;
}

// Texts are added in id order; a set of them keeps merges from making a duplicate.
struct builder {
    struct tern_gen_vocab * v;
    int32_t * slots;
    size_t mask, id;
};

static int builder_init(struct builder * b, struct tern_gen_vocab * v) {
    size_t cap = 1;
    while (cap < 2 * v->n) cap <<= 1;
    b->v = v;
    b->mask = cap - 1;
    b->id = 0;
    b->slots = malloc(cap * sizeof(int32_t));
    if (b->slots) memset(b->slots, 0xff, cap * sizeof(int32_t));
    return b->slots ? 0 : -1;
}

// The slot of text s (free when absent).
static size_t slot_of(const struct builder * b, const char * s, size_t l) {
    size_t h = tern_fnv1a(s, l) & b->mask;
    for (int32_t o; (o = b->slots[h]) >= 0; h = (h + 1) & b->mask) {
        if (b->v->len[o] == l && memcmp(b->v->text[o], s, l) == 0) break;
    }
    return h;
}

// Appends a token; 1 if the text exists already, -1 out of memory.
static int add_token(struct builder * b, const char * s, size_t l, int32_t type, float score) {
    const size_t h = slot_of(b, s, l);
    if (b->slots[h] >= 0) return 1;
    struct tern_gen_vocab * v = b->v;
    if (!(v->text[b->id] = malloc(l ? l : 1))) return -1;
    memcpy(v->text[b->id], s, l);
    v->len[b->id] = l;
    v->type[b->id] = type;
    v->score[b->id] = score;
    b->slots[h] = (int32_t) b->id++;
    return 0;
}

static int add_named(struct builder * b, const char * s, int32_t type, float score) {
    return add_token(b, s, strlen(s), type, score) < 0 ? -1 : 0;
}

static int32_t find_text(const struct tern_gen_vocab * v, const char * s) {
    for (size_t i = v->n; i-- > 0;) {
        if (v->text[i] && v->len[i] == strlen(s) && memcmp(v->text[i], s, v->len[i]) == 0) return (int32_t) i;
    }
    return -1;
}

static const char * const llama3_specials[] = {
    "<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
    "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>", "<|start_header_id|>", "<|end_header_id|>",
    "<|eom_id|>", "<|eot_id|>",
};
// Falcon3's first ids (ids 0..11 as torchtune's FALCON3_SPECIAL_TOKENS has them).
static const char * const falcon3_head[] = {
    ">>TITLE<<", ">>ABSTRACT<<", ">>INTRODUCTION<<", ">>SUMMARY<<", ">>COMMENT<<", ">>ANSWER<<",
    ">>QUESTION<<", ">>DOMAIN<<", ">>EMAIL_ADDRESS<<", ">>IP_ADDRESS<<", "<|startoftext|>", "<|endoftext|>",
};
// Its chat markers and padding; their real ids are not known to tern, so they close the vocabulary.
static const char * const falcon3_tail[] = { "<|pad|>", "<|system|>", "<|user|>", "<|assistant|>" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

// 256 byte tokens in GPT-2's order (by code point of the byte-to-unicode map), then n_merges
// random merges of printable-ASCII tokens (ids of bytes 33..126, and the space byte), so a
// random model's text prints without control bytes.
static int byte_level_body(struct builder * b, size_t n_merges, uint64_t seed) {
    struct tern_gen_vocab * v = b->v;
    uint16_t byte_cp[256];
    int16_t cp_byte[TERN_GPT2_CODEPOINTS];
    tern_gpt2_byte_map(byte_cp, cp_byte);
    int32_t byte_id[256];
    for (uint32_t cp = 0; cp < TERN_GPT2_CODEPOINTS; cp++) {
        if (cp_byte[cp] < 0) continue;
        char buf[4];
        byte_id[cp_byte[cp]] = (int32_t) b->id;
        if (add_token(b, buf, tern_utf8_put(cp, buf), NORMAL, -1000.0f)) return -1;
    }
    int32_t * printable_ids = malloc((n_merges + 96) * sizeof(int32_t));
    if (!printable_ids) return -1;
    size_t n_printable = 0;
    for (int c = 33; c <= 126; c++) printable_ids[n_printable++] = byte_id[c];
    printable_ids[n_printable++] = byte_id[' '];
    uint64_t s = seed ^ 0x5eed;
    for (size_t m = 0; m < n_merges;) {
        const size_t a = (size_t) printable_ids[tern_splitmix64(&s) % n_printable];
        const size_t c = (size_t) printable_ids[tern_splitmix64(&s) % n_printable];
        const size_t l = v->len[a] + v->len[c];
        if (l > 24) continue;
        char buf[32];
        memcpy(buf, v->text[a], v->len[a]);
        memcpy(buf + v->len[a], v->text[c], v->len[c]);
        const size_t id = b->id;
        const int rc = add_token(b, buf, l, NORMAL, -1000.0f);
        if (rc > 0) continue;
        if (rc < 0 || !(v->merges[m] = malloc(l + 2))) {
            free(printable_ids);
            return -1;
        }
        memcpy(v->merges[m], v->text[a], v->len[a]);
        v->merges[m][v->len[a]] = ' ';
        memcpy(v->merges[m] + v->len[a] + 1, v->text[c], v->len[c]);
        v->merges[m][l + 1] = '\0';
        printable_ids[n_printable++] = (int32_t) id;
        m++;
    }
    free(printable_ids);
    return 0;
}

// Llama-3: bytes, merges, then special tokens: 256 of them (BOS at n - 256) for big
// vocabularies, else 10.
static int gen_llama3(struct builder * b, size_t n, uint64_t seed, char * err, size_t err_size) {
    struct tern_gen_vocab * v = b->v;
    const size_t n_special = n >= 4096 ? 256 : 10;
    if (n < 256 + n_special + 1) {
        snprintf(err, err_size, "a Llama-3 vocabulary of %zu tokens is too small (at least %zu)", n,
                 256 + n_special + 1);
        return 1;
    }
    v->n_merges = n - 256 - n_special;
    if (byte_level_body(b, v->n_merges, seed)) return -1;
    for (size_t i = 0; i < n_special; i++) {
        char buf[64];
        if (i < COUNT(llama3_specials)) {
            snprintf(buf, sizeof(buf), "%s", llama3_specials[i]);
        } else {
            snprintf(buf, sizeof(buf), "<|reserved_special_token_%zu|>", i - 7);
        }
        if (add_named(b, buf, CONTROL, -1000.0f)) return -1;
    }
    v->model = "gpt2";
    v->add_bos = true;
    v->bos = find_text(v, "<|begin_of_text|>");
    v->eos = v->pad = find_text(v, "<|end_of_text|>");
    return 0;
}

static int gen_falcon3(struct builder * b, size_t n, uint64_t seed, char * err, size_t err_size) {
    struct tern_gen_vocab * v = b->v;
    const size_t fixed = COUNT(falcon3_head) + 256 + COUNT(falcon3_tail);
    if (n < fixed + 1) {
        snprintf(err, err_size, "a Falcon3 vocabulary of %zu tokens is too small (at least %zu)", n, fixed + 1);
        return 1;
    }
    for (size_t i = 0; i < COUNT(falcon3_head); i++) {
        if (add_named(b, falcon3_head[i], CONTROL, 0.0f)) return -1;
    }
    v->n_merges = n - fixed;
    if (byte_level_body(b, v->n_merges, seed)) return -1;
    for (size_t i = 0; i < COUNT(falcon3_tail); i++) {
        if (add_named(b, falcon3_tail[i], CONTROL, 0.0f)) return -1;
    }
    v->model = "gpt2";
    v->pre = "falcon3";
    v->add_bos = true;
    v->bos = v->eos = find_text(v, "<|endoftext|>");
    v->pad = find_text(v, "<|pad|>");
    return 0;
}

// SentencePiece characters: U+2581 (a space), printable ASCII and a few non-ASCII letters.
static const char * const spm_extra_chars[] = { "\xe2\x96\x81", "\xc3\xa9", "\xc3\xbc", "\xc3\xb1", "\xe6\x97\xa5",
                                                "\xe6\x9c\xac", "\xe8\xaa\x9e" };
#define SPM_CHARS (94 + COUNT(spm_extra_chars))

static const char * spm_char(size_t i, char * buf) {
    if (i < COUNT(spm_extra_chars)) return spm_extra_chars[i];
    buf[0] = (char) (33 + i - COUNT(spm_extra_chars));
    buf[1] = '\0';
    return buf;
}

// LLaMA-2's layout: <unk> <s> </s>, <0x00>..<0xFF>, merged pieces (score -rank, as
// SentencePiece's BPE trainer writes them), the single characters (below every piece), then
// 1bitLLM's added tokens (user-defined, score -1000 as llama.cpp's converter sets them).
static int gen_spm(struct builder * b, size_t n, uint64_t seed, char * err, size_t err_size) {
    struct tern_gen_vocab * v = b->v;
    const size_t fixed = 3 + 256 + SPM_CHARS + 2;
    if (n < fixed + 1) {
        snprintf(err, err_size, "a SentencePiece vocabulary of %zu tokens is too small (at least %zu)", n, fixed + 1);
        return 1;
    }
    const size_t n_pieces = n - fixed;
    if (add_named(b, "<unk>", UNKNOWN, 0.0f) || add_named(b, "<s>", CONTROL, 0.0f) ||
        add_named(b, "</s>", CONTROL, 0.0f)) {
        return -1;
    }
    for (int i = 0; i < 256; i++) {
        char buf[8];
        snprintf(buf, sizeof(buf), "<0x%02X>", i);
        if (add_named(b, buf, BYTE, 0.0f)) return -1;
    }
    // Pieces join two existing texts (characters or pieces); a piece starts a word (U+2581)
    // only at its front, as SentencePiece splits at whitespace.
    char (*pool)[40] = malloc((SPM_CHARS + n_pieces) * sizeof(*pool));
    if (!pool) return -1;
    size_t n_pool = 0;
    for (size_t i = 0; i < SPM_CHARS; i++) {
        char buf[2];
        snprintf(pool[n_pool++], sizeof(pool[0]), "%s", spm_char(i, buf));
    }
    uint64_t s = seed ^ 0x5e9;
    for (size_t k = 0; k < n_pieces;) {
        // Favour short parts: words grow from common pairs, as in a trained vocabulary.
        const size_t a = (size_t) (tern_splitmix64(&s) % n_pool), r = tern_splitmix64(&s) % n_pool;
        const size_t c = r % (1 + (k < 64 ? n_pool : n_pool / 2));
        const size_t la = strlen(pool[a]), lc = strlen(pool[c]);
        if (la + lc > 16 || !memcmp(pool[c], spm_extra_chars[0], 3)) continue;
        char buf[40];
        memcpy(buf, pool[a], la);
        memcpy(buf + la, pool[c], lc);
        buf[la + lc] = '\0';
        const int rc = add_token(b, buf, la + lc, NORMAL, -(float) k);
        if (rc < 0) {
            free(pool);
            return -1;
        }
        if (rc > 0) continue;
        memcpy(pool[n_pool++], buf, la + lc + 1);
        k++;
    }
    free(pool);
    for (size_t i = 0; i < SPM_CHARS; i++) {
        char buf[2];
        if (add_named(b, spm_char(i, buf), NORMAL, -(float) (n_pieces + i))) return -1;
    }
    if (add_named(b, "<pad>", USER_DEFINED, -1000.0f) || add_named(b, "</line>", USER_DEFINED, -1000.0f)) return -1;
    v->n_merges = 0;
    v->model = "llama";
    v->pre = "default";
    v->add_bos = true;
    v->spm = v->add_space_prefix = true;
    v->unk = 0;
    v->bos = 1;
    v->eos = 2;
    v->pad = find_text(v, "<pad>");
    return 0;
}

int tern_gen_vocab_synthetic(struct tern_gen_vocab * v, enum tern_gen_vocab_kind kind, size_t n, uint64_t seed,
                             char * err, size_t err_size) {
    struct builder b = { 0 };
    int rc = -1;
    if (n > ((size_t) 1 << 24)) {
        snprintf(err, err_size, "a vocabulary of %zu tokens is too large", n);
        return -1;
    }
    if (vocab_alloc(v, n, n) || builder_init(&b, v)) goto done;
    switch (kind) {
    case TERN_GEN_VOCAB_LLAMA3: rc = gen_llama3(&b, n, seed, err, err_size); break;
    case TERN_GEN_VOCAB_FALCON3: rc = gen_falcon3(&b, n, seed, err, err_size); break;
    case TERN_GEN_VOCAB_LLAMA2_SPM: rc = gen_spm(&b, n, seed, err, err_size); break;
    default: snprintf(err, err_size, "unknown vocabulary kind %d", (int) kind); rc = 1;
    }
done:
    free(b.slots);
    if (rc < 0) snprintf(err, err_size, "out of memory building the vocabulary");
    return rc ? -1 : 0;
}

static bool mentions_space_mark(const cJSON * j) {
    char * s = j ? cJSON_PrintUnformatted(j) : NULL;
    const bool yes = s && (strstr(s, "\xe2\x96\x81") || strstr(s, "\\u2581") || strstr(s, "Metaspace"));
    free(s);
    return yes;
}

// Whether SentencePiece adds a leading U+2581: a Prepend normalizer, or a Metaspace
// pre-tokenizer that prepends (add_prefix_space, or a prepend_scheme other than "never").
static bool spm_space_prefix(const cJSON * root) {
    char * norm = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(root, "normalizer"));
    char * pre = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(root, "pre_tokenizer"));
    const bool yes = (norm && strstr(norm, "\"Prepend\"")) ||
                     (pre && strstr(pre, "Metaspace") && !strstr(pre, "\"never\"") &&
                      !strstr(pre, "\"add_prefix_space\":false"));
    free(norm);
    free(pre);
    return yes;
}

// A Hugging Face tokenizer.json (model.type BPE): vocab, merges, added tokens; byte-level
// (GPT-2's alphabet) or SentencePiece-style (U+2581 and <0xNN> byte fallback).
int tern_gen_vocab_json(struct tern_gen_vocab * v, const char * path, char * err, size_t err_size) {
    char * text = tern_read_file(path, "", (size_t) 1 << 30, NULL, err, err_size);
    if (!text) return -1;
    cJSON * root = cJSON_Parse(text);
    free(text);
    int rc = -1;
    struct builder index = { 0 };
    const cJSON * model = cJSON_GetObjectItemCaseSensitive(root, "model");
    const cJSON * vocab = cJSON_GetObjectItemCaseSensitive(model, "vocab");
    const cJSON * merges = cJSON_GetObjectItemCaseSensitive(model, "merges");
    const cJSON * added = cJSON_GetObjectItemCaseSensitive(root, "added_tokens");
    const cJSON * unk_token = cJSON_GetObjectItemCaseSensitive(model, "unk_token");
    if (!root || !cJSON_IsObject(vocab) || !cJSON_IsArray(merges)) {
        snprintf(err, err_size, "%s: not a BPE tokenizer.json (model.vocab / model.merges missing)", path);
        goto done;
    }
    const bool spm = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(model, "byte_fallback")) ||
                     mentions_space_mark(cJSON_GetObjectItemCaseSensitive(root, "normalizer")) ||
                     mentions_space_mark(cJSON_GetObjectItemCaseSensitive(root, "pre_tokenizer"));
    size_t n = 0;
    const cJSON * it;
    cJSON_ArrayForEach(it, vocab) {
        if (!cJSON_IsNumber(it) || it->valuedouble < 0 || it->valuedouble >= (1 << 24)) goto bad_id;
        if ((size_t) it->valueint + 1 > n) n = (size_t) it->valueint + 1;
    }
    cJSON_ArrayForEach(it, added) {
        const cJSON * id = cJSON_GetObjectItemCaseSensitive(it, "id");
        if (!cJSON_IsNumber(id) || id->valuedouble < 0 || id->valuedouble >= (1 << 24)) goto bad_id;
        if ((size_t) id->valueint + 1 > n) n = (size_t) id->valueint + 1;
    }
    const size_t n_merges = (size_t) cJSON_GetArraySize(merges);
    if (vocab_alloc(v, n, spm ? 0 : n_merges)) {
        snprintf(err, err_size, "out of memory reading %s", path);
        goto done;
    }
    cJSON_ArrayForEach(it, vocab) {
        v->text[it->valueint] = strdup(it->string);
        v->len[it->valueint] = strlen(it->string);
        v->type[it->valueint] = NORMAL;
        v->score[it->valueint] = spm ? 1.0f : -1000.0f;      // SPM: 1 = not made by a merge (yet)
    }
    cJSON_ArrayForEach(it, added) {
        const cJSON * id = cJSON_GetObjectItemCaseSensitive(it, "id");
        const cJSON * content = cJSON_GetObjectItemCaseSensitive(it, "content");
        const cJSON * special = cJSON_GetObjectItemCaseSensitive(it, "special");
        if (!cJSON_IsString(content)) goto bad_id;
        free(v->text[id->valueint]);
        v->text[id->valueint] = strdup(content->valuestring);
        v->len[id->valueint] = strlen(content->valuestring);
        v->type[id->valueint] = cJSON_IsTrue(special) ? CONTROL : USER_DEFINED;
        v->score[id->valueint] = cJSON_IsTrue(special) ? 0.0f : -1000.0f;
    }
    for (size_t i = 0; i < n; i++) {
        if (!v->text[i]) {
            snprintf(err, err_size, "%s: token id %zu is not defined", path, i);
            goto done;
        }
    }
    if (spm && builder_init(&index, v)) {
        snprintf(err, err_size, "out of memory reading %s", path);
        goto done;
    }
    for (size_t i = 0; spm && i < n; i++) {
        const size_t h = slot_of(&index, v->text[i], v->len[i]);
        if (index.slots[h] < 0) index.slots[h] = (int32_t) i;
    }
    size_t m = 0;
    cJSON_ArrayForEach(it, merges) {
        char * pair = NULL;
        if (cJSON_IsString(it)) {
            pair = strdup(it->valuestring);
        } else if (cJSON_IsArray(it) && cJSON_GetArraySize(it) == 2 && cJSON_IsString(cJSON_GetArrayItem(it, 0)) &&
                   cJSON_IsString(cJSON_GetArrayItem(it, 1))) {
            const char * a = cJSON_GetArrayItem(it, 0)->valuestring, * b = cJSON_GetArrayItem(it, 1)->valuestring;
            pair = malloc(strlen(a) + strlen(b) + 2);
            if (pair) sprintf(pair, "%s %s", a, b);
        } else {
            snprintf(err, err_size, "%s: merge %zu is neither \"a b\" nor [a, b]", path, m);
            goto done;
        }
        if (!pair) {
            snprintf(err, err_size, "out of memory reading %s", path);
            goto done;
        }
        if (spm) {
            // The piece the merge makes takes -rank, its first merge being its best.
            char * sp = strchr(pair + (pair[0] != '\0'), ' ');
            if (sp) memmove(sp, sp + 1, strlen(sp));
            const int32_t id = index.slots[slot_of(&index, pair, strlen(pair))];
            if (id >= 0 && v->type[id] == NORMAL && v->score[id] > 0.0f) v->score[id] = -(float) m;
            free(pair);
        } else {
            v->merges[m] = pair;
        }
        m++;
    }
    if (spm) {
        // Pieces no merge makes (single characters) rank below every merge; bytes, control
        // and unknown pieces score 0 as in SentencePiece's model.
        const char * unk = cJSON_IsString(unk_token) ? unk_token->valuestring : "<unk>";
        for (size_t i = 0; i < n; i++) {
            if (v->type[i] == NORMAL && v->len[i] == 6 && !memcmp(v->text[i], "<0x", 3) && v->text[i][5] == '>') {
                v->type[i] = BYTE;
                v->score[i] = 0.0f;
            } else if (v->len[i] == strlen(unk) && !memcmp(v->text[i], unk, v->len[i])) {
                v->type[i] = UNKNOWN;
                v->score[i] = 0.0f;
            } else if (v->type[i] == NORMAL && v->score[i] > 0.0f) {
                v->score[i] = -(float) n_merges;
            }
        }
        v->model = "llama";
        v->pre = "default";
        v->spm = true;
        v->add_space_prefix = spm_space_prefix(root);
        v->unk = find_text(v, unk);
        v->bos = find_text(v, "<s>");
        v->eos = find_text(v, "</s>");
    } else {
        v->model = "gpt2";
        v->bos = find_text(v, "<|begin_of_text|>");
        v->eos = v->pad = find_text(v, "<|end_of_text|>");
    }
    v->add_bos = true;
    rc = 0;
    goto done;
bad_id:
    snprintf(err, err_size, "%s: a token id is not a number in 0..16M", path);
done:
    free(index.slots);
    cJSON_Delete(root);
    return rc;
}

void tern_gen_vocab_add_keys(struct tern_gguf_writer * w, const struct tern_gen_vocab * v) {
    tern_gguf_add_str(w, "tokenizer.ggml.model", v->model ? v->model : "gpt2");
    if (v->pre) tern_gguf_add_str(w, "tokenizer.ggml.pre", v->pre);
    tern_gguf_add_str_arr(w, "tokenizer.ggml.tokens", (const char * const *) v->text, v->len, v->n);
    tern_gguf_add_f32_arr(w, "tokenizer.ggml.scores", v->score, v->n);
    tern_gguf_add_i32_arr(w, "tokenizer.ggml.token_type", v->type, v->n);
    if (v->n_merges) {
        tern_gguf_add_str_arr(w, "tokenizer.ggml.merges", (const char * const *) v->merges, NULL, v->n_merges);
    }
    static const struct {
        const char * key;
        size_t offset;
    } ids[] = {
        { "tokenizer.ggml.bos_token_id", offsetof(struct tern_gen_vocab, bos) },
        { "tokenizer.ggml.eos_token_id", offsetof(struct tern_gen_vocab, eos) },
        { "tokenizer.ggml.unknown_token_id", offsetof(struct tern_gen_vocab, unk) },
        { "tokenizer.ggml.eot_token_id", offsetof(struct tern_gen_vocab, eot) },
        { "tokenizer.ggml.padding_token_id", offsetof(struct tern_gen_vocab, pad) },
    };
    for (size_t i = 0; i < COUNT(ids); i++) {
        int32_t id;
        memcpy(&id, (const char *) v + ids[i].offset, sizeof(id));
        if (id >= 0) tern_gguf_add_u32(w, ids[i].key, (uint32_t) id);
    }
    tern_gguf_add_bool(w, "tokenizer.ggml.add_bos_token", v->add_bos);
    tern_gguf_add_bool(w, "tokenizer.ggml.add_eos_token", v->add_eos);
    if (v->spm) tern_gguf_add_bool(w, "tokenizer.ggml.add_space_prefix", v->add_space_prefix);
}
