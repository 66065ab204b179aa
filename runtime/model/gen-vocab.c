// Vocabularies for generated model files (see gen-vocab.h).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(TERN_HAVE_CJSON)
#include <cjson/cJSON.h>
#endif

#include "gen-vocab.h"
#include "tern/bpe_bytes.h"
#include "tern/file.h"
#include "tern/gguf.h"
#include "tern/rng.h"

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
    return v->text && v->len && v->type && v->score && v->merges ? 0 : -1;
}

static const char * const llama3_specials[] = {
    "<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
    "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>", "<|start_header_id|>", "<|end_header_id|>",
    "<|eom_id|>", "<|eot_id|>",
};

// 256 byte tokens (GPT-2 order: printable bytes first), random merges of existing tokens,
// then special tokens: 256 of them (as Llama-3, BOS at n - 256) for big vocabularies, else 10.
int tern_gen_vocab_synthetic(struct tern_gen_vocab * v, size_t n, uint64_t seed, char * err, size_t err_size) {
    const size_t n_special = n >= 4096 ? 256 : 10;
    if (n < 256 + n_special + 1) {
        snprintf(err, err_size, "a vocabulary of %zu tokens is too small (at least %zu)", n, 256 + n_special + 1);
        return -1;
    }
    const size_t n_merges = n - 256 - n_special;
    if (vocab_alloc(v, n, n_merges)) goto oom;
    // Hash set of texts so merges never produce a duplicate.
    size_t cap = 1;
    while (cap < 2 * n) cap <<= 1;
    int32_t * slots = malloc(cap * sizeof(int32_t));
    if (!slots) goto oom;
    memset(slots, 0xff, cap * sizeof(int32_t));
    // Byte tokens in GPT-2's order: by code point of the byte-to-unicode map.
    uint16_t byte_cp[256];
    int16_t cp_byte[TERN_GPT2_CODEPOINTS];
    tern_gpt2_byte_map(byte_cp, cp_byte);
    size_t id = 0;
    for (uint32_t cp = 0; cp < TERN_GPT2_CODEPOINTS; cp++) {
        if (cp_byte[cp] < 0) continue;
        char buf[4];
        const size_t l = tern_utf8_put(cp, buf);
        v->text[id] = malloc(l);
        if (!v->text[id]) goto oom_slots;
        memcpy(v->text[id], buf, l);
        v->len[id] = l;
        v->type[id] = 1;
        size_t h = tern_fnv1a(buf, l) & (cap - 1);
        while (slots[h] >= 0) h = (h + 1) & (cap - 1);
        slots[h] = (int32_t) id++;
    }
    uint64_t s = seed ^ 0x5eed;
    // Merges join printable-ASCII tokens only (ids 0..93 are bytes 33..126; the space byte
    // is id 220 in GPT-2 order): a random model's text then prints without control bytes.
    int32_t * printable_ids = malloc((n_merges + 96) * sizeof(int32_t));
    if (!printable_ids) goto oom_slots;
    size_t n_printable = 0;
    for (size_t i = 0; i < 94; i++) printable_ids[n_printable++] = (int32_t) i;
    printable_ids[n_printable++] = 220;
    for (size_t m = 0; m < n_merges;) {
        const size_t a = (size_t) printable_ids[tern_splitmix64(&s) % n_printable], b = (size_t) printable_ids[tern_splitmix64(&s) % n_printable];
        const size_t l = v->len[a] + v->len[b];
        if (l > 24) continue;
        char buf[32];
        memcpy(buf, v->text[a], v->len[a]);
        memcpy(buf + v->len[a], v->text[b], v->len[b]);
        size_t h = tern_fnv1a(buf, l) & (cap - 1);
        bool dup = false;
        while (slots[h] >= 0) {
            const int32_t o = slots[h];
            if (v->len[o] == l && memcmp(v->text[o], buf, l) == 0) {
                dup = true;
                break;
            }
            h = (h + 1) & (cap - 1);
        }
        if (dup) continue;
        v->text[id] = malloc(l);
        v->merges[m] = malloc(l + 2);
        if (!v->text[id] || !v->merges[m]) goto oom_slots;
        memcpy(v->text[id], buf, l);
        v->len[id] = l;
        v->type[id] = 1;
        memcpy(v->merges[m], v->text[a], v->len[a]);
        v->merges[m][v->len[a]] = ' ';
        memcpy(v->merges[m] + v->len[a] + 1, v->text[b], v->len[b]);
        v->merges[m][l + 1] = '\0';
        printable_ids[n_printable++] = (int32_t) id;
        slots[h] = (int32_t) id++;
        m++;
    }
    free(printable_ids);
    free(slots);
    for (size_t i = 0; i < n_special; i++, id++) {
        char buf[64];
        if (i < 10) {
            snprintf(buf, sizeof(buf), "%s", llama3_specials[i]);
        } else {
            snprintf(buf, sizeof(buf), "<|reserved_special_token_%zu|>", i - 7);
        }
        v->text[id] = strdup(buf);
        if (!v->text[id]) goto oom;
        v->len[id] = strlen(buf);
        v->type[id] = 3;
    }
    for (size_t i = 0; i < n; i++) v->score[i] = -1000.0f;
    return 0;
oom_slots:
    free(slots);
oom:
    snprintf(err, err_size, "out of memory building the vocabulary");
    return -1;
}

#if defined(TERN_HAVE_CJSON)
// A Hugging Face tokenizer.json (model.type BPE, byte level): vocab, merges, added tokens.
int tern_gen_vocab_json(struct tern_gen_vocab * v, const char * path, char * err, size_t err_size) {
    char * text = tern_read_file(path, "", (size_t) 1 << 30, NULL, err, err_size);
    if (!text) return -1;
    cJSON * root = cJSON_Parse(text);
    free(text);
    int rc = -1;
    const cJSON * model = cJSON_GetObjectItemCaseSensitive(root, "model");
    const cJSON * vocab = cJSON_GetObjectItemCaseSensitive(model, "vocab");
    const cJSON * merges = cJSON_GetObjectItemCaseSensitive(model, "merges");
    const cJSON * added = cJSON_GetObjectItemCaseSensitive(root, "added_tokens");
    if (!root || !cJSON_IsObject(vocab) || !cJSON_IsArray(merges)) {
        snprintf(err, err_size, "%s: not a BPE tokenizer.json (model.vocab / model.merges missing)", path);
        goto done;
    }
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
    if (vocab_alloc(v, n, (size_t) cJSON_GetArraySize(merges))) {
        snprintf(err, err_size, "out of memory reading %s", path);
        goto done;
    }
    cJSON_ArrayForEach(it, vocab) {
        v->text[it->valueint] = strdup(it->string);
        v->len[it->valueint] = strlen(it->string);
        v->type[it->valueint] = 1;
    }
    cJSON_ArrayForEach(it, added) {
        const cJSON * id = cJSON_GetObjectItemCaseSensitive(it, "id");
        const cJSON * content = cJSON_GetObjectItemCaseSensitive(it, "content");
        const cJSON * special = cJSON_GetObjectItemCaseSensitive(it, "special");
        if (!cJSON_IsString(content)) goto bad_id;
        free(v->text[id->valueint]);
        v->text[id->valueint] = strdup(content->valuestring);
        v->len[id->valueint] = strlen(content->valuestring);
        v->type[id->valueint] = cJSON_IsTrue(special) ? 3 : 4;
    }
    for (size_t i = 0; i < n; i++) {
        if (!v->text[i]) {
            snprintf(err, err_size, "%s: token id %zu is not defined", path, i);
            goto done;
        }
    }
    size_t m = 0;
    cJSON_ArrayForEach(it, merges) {
        if (cJSON_IsString(it)) {
            v->merges[m] = strdup(it->valuestring);
        } else if (cJSON_IsArray(it) && cJSON_GetArraySize(it) == 2 && cJSON_IsString(cJSON_GetArrayItem(it, 0)) &&
                   cJSON_IsString(cJSON_GetArrayItem(it, 1))) {
            const char * a = cJSON_GetArrayItem(it, 0)->valuestring, * b = cJSON_GetArrayItem(it, 1)->valuestring;
            v->merges[m] = malloc(strlen(a) + strlen(b) + 2);
            if (v->merges[m]) sprintf(v->merges[m], "%s %s", a, b);
        } else {
            snprintf(err, err_size, "%s: merge %zu is neither \"a b\" nor [a, b]", path, m);
            goto done;
        }
        m++;
    }
    rc = 0;
    goto done;
bad_id:
    snprintf(err, err_size, "%s: a token id is not a number in 0..16M", path);
done:
    cJSON_Delete(root);
    return rc;
}
#else
int tern_gen_vocab_json(struct tern_gen_vocab * v, const char * path, char * err, size_t err_size) {
    (void) v;
    (void) path;
    snprintf(err, err_size, "this build has no JSON reader (cJSON): --vocab is not available");
    return -1;
}
#endif

static int32_t find_text(const struct tern_gen_vocab * v, const char * s) {
    for (size_t i = v->n; i-- > 0;) {
        if (v->len[i] == strlen(s) && memcmp(v->text[i], s, v->len[i]) == 0) return (int32_t) i;
    }
    return -1;
}

void tern_gen_vocab_add_keys(struct tern_gguf_writer * w, const struct tern_gen_vocab * v) {
    const int32_t bos = find_text(v, "<|begin_of_text|>"), eos = find_text(v, "<|end_of_text|>");
    tern_gguf_add_str(w, "tokenizer.ggml.model", "gpt2");
    tern_gguf_add_str_arr(w, "tokenizer.ggml.tokens", (const char * const *) v->text, v->len, v->n);
    tern_gguf_add_f32_arr(w, "tokenizer.ggml.scores", v->score, v->n);
    tern_gguf_add_i32_arr(w, "tokenizer.ggml.token_type", v->type, v->n);
    tern_gguf_add_str_arr(w, "tokenizer.ggml.merges", (const char * const *) v->merges, NULL, v->n_merges);
    if (bos >= 0) tern_gguf_add_u32(w, "tokenizer.ggml.bos_token_id", (uint32_t) bos);
    if (eos >= 0) {
        tern_gguf_add_u32(w, "tokenizer.ggml.eos_token_id", (uint32_t) eos);
        tern_gguf_add_u32(w, "tokenizer.ggml.padding_token_id", (uint32_t) eos);
    }
}


