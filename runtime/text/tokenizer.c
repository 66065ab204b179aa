// The vocabulary both tokenizer kinds share (see tern/tokenizer.h): token texts and types,
// special tokens, end-of-generation ids, the special-token split, decoding.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/bpe_bytes.h"
#include "tern/gguf.h"
#include "vocab.h"

// Tokens that end generation by name, whatever their id (llama.cpp's list, less the ones of
// model families tern does not run); each is also made a control token, as llama.cpp does.
static const char * const eog_names[] = {
    "<|eot_id|>", "<|eom_id|>", "<|end_of_text|>", "<|endoftext|>", "</s>", "<|im_end|>", "<|end|>",
    "<end_of_turn>", "<EOT>", "<end_of_utterance>",
};
// The end-of-turn token when tokenizer.ggml.eot_token_id is missing: the first of these present.
static const char * const eot_names[] = {
    "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>", "<EOT>",
};

int32_t tern_vocab_find_n(const struct tern_vocab * v, const char * s, size_t n) {
    for (size_t i = tern_fnv1a(s, n) & v->mask;; i = (i + 1) & v->mask) {
        const int32_t id = v->slots[i];
        if (id < 0) return -1;
        if (v->len[id] == n && memcmp(v->text + v->off[id], s, n) == 0) return id;
    }
}

int32_t tern_vocab_find(const struct tern_vocab * v, const char * text) {
    return tern_vocab_find_n(v, text, strlen(text));
}

int32_t tern_utf8_decode(const unsigned char * s, size_t n, size_t * adv) {
    *adv = 1;
    if (s[0] < 0x80) return s[0];
    const size_t need = (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
    if (!need || need > n) return -1;
    int32_t cp = s[0] & (0x7f >> need);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80) return -1;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    static const int32_t min_cp[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    if (cp < min_cp[need] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
    *adv = need;
    return cp;
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int tern_byte_piece(const char * s, size_t n) {
    if (n != 6 || memcmp(s, "<0x", 3) != 0 || s[5] != '>') return -1;
    const int hi = hex_digit(s[3]), lo = hex_digit(s[4]);
    return hi >= 0 && lo >= 0 ? hi << 4 | lo : -1;
}

void tern_ids_push(struct tern_ids * o, int32_t id) {
    if (o->oom) return;
    if (o->n == o->cap) {
        const size_t cap = o->cap ? 2 * o->cap : 64;
        int32_t * p = realloc(o->ids, cap * sizeof(int32_t));
        if (!p) {
            o->oom = true;
            return;
        }
        o->ids = p;
        o->cap = cap;
    }
    o->ids[o->n++] = id;
}

static int cmp_special(const void * a, const void * b, void * vv) {
    const struct tern_vocab * v = vv;
    const int32_t x = *(const int32_t *) a, y = *(const int32_t *) b;
    return v->len[x] != v->len[y] ? (v->len[x] < v->len[y] ? 1 : -1) : (x > y) - (x < y);
}

static int cmp_id(const void * a, const void * b) {
    const int32_t x = *(const int32_t *) a, y = *(const int32_t *) b;
    return (x > y) - (x < y);
}

// msg NULL: err already holds the reason.
static struct tern_vocab * load_fail(struct tern_vocab * v, char * err, size_t err_size, const char * msg) {
    if (msg) snprintf(err, err_size, "%s", msg);
    tern_vocab_free(v);
    return NULL;
}

static int32_t key_id(const struct tern_gguf * g, const char * key, size_t n, int32_t fallback) {
    uint32_t id;
    return tern_gguf_get_u32(g, key, &id) && id < n ? (int32_t) id : fallback;
}

static void add_eog(struct tern_vocab * v, int32_t id) {
    if (id < 0) return;
    for (size_t i = 0; i < v->n_eog; i++) {
        if (v->eog[i] == id) return;
    }
    v->eog[v->n_eog++] = id;
}

// Token texts, types and scores (the GGUF arrays), and the text -> id table.
static int load_tokens(struct tern_vocab * v, const struct tern_gguf * g, const struct tern_gguf_kv * tokens,
                       char * err, size_t err_size) {
    const size_t n = v->n;
    struct tern_gguf_str * strs = malloc(n * sizeof(*strs));
    v->off = malloc(n * 4);
    v->len = malloc(n * 4);
    v->boff = malloc(n * 4);
    v->blen = malloc(n * 4);
    v->type = malloc(n);
    v->score = calloc(n, sizeof(float));
    size_t cap = 1;
    while (cap < 2 * n) cap <<= 1;
    v->slots = malloc(cap * sizeof(int32_t));
    v->mask = cap - 1;
    if (!strs || !v->off || !v->len || !v->boff || !v->blen || !v->type || !v->score || !v->slots) {
        free(strs);
        snprintf(err, err_size, "out of memory loading the vocabulary");
        return -1;
    }
    tern_gguf_arr_strings(tokens, strs, n);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (strs[i].len == 0 || strs[i].len > 1024) {
            free(strs);
            snprintf(err, err_size, "token %zu has an empty or over-long text", i);
            return -1;
        }
        total += (size_t) strs[i].len;
    }
    v->text = malloc(total);
    v->bytes = malloc(total);      // decoding never lengthens a token (U+2581 is 3 bytes, a space 1)
    if (!v->text || !v->bytes) {
        free(strs);
        snprintf(err, err_size, "out of memory loading the vocabulary");
        return -1;
    }
    memset(v->slots, 0xff, cap * sizeof(int32_t));
    const struct tern_gguf_kv * types = tern_gguf_find_kv(g, "tokenizer.ggml.token_type");
    const bool have_types = types && types->type == TERN_GGUF_ARRAY && types->v.arr.type == TERN_GGUF_INT32 &&
                            types->v.arr.count == n;
    const struct tern_gguf_kv * scores = tern_gguf_find_kv(g, "tokenizer.ggml.scores");
    // Scores as float32, or int32 as llama.cpp also takes them.
    const bool have_scores = scores && scores->type == TERN_GGUF_ARRAY && scores->v.arr.count == n &&
                             (scores->v.arr.type == TERN_GGUF_FLOAT32 || scores->v.arr.type == TERN_GGUF_INT32);
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        v->off[i] = (uint32_t) pos;
        v->len[i] = (uint32_t) strs[i].len;
        memcpy(v->text + pos, strs[i].ptr, strs[i].len);
        pos += (size_t) strs[i].len;
        int32_t ty = TOKEN_NORMAL;
        if (have_types) {
            memcpy(&ty, types->v.arr.data + 4 * i, 4);
        } else if (v->kind == TERN_VOCAB_BPE && strs[i].len > 4 && memcmp(strs[i].ptr, "<|", 2) == 0 &&
                   memcmp(strs[i].ptr + strs[i].len - 2, "|>", 2) == 0) {
            ty = TOKEN_CONTROL;
        }
        v->type[i] = (uint8_t) (ty >= TOKEN_NORMAL && ty <= TOKEN_BYTE ? ty : TOKEN_NORMAL);
        if (have_scores && scores->v.arr.type == TERN_GGUF_FLOAT32) memcpy(&v->score[i], scores->v.arr.data + 4 * i, 4);
        if (have_scores && scores->v.arr.type == TERN_GGUF_INT32) {
            int32_t k;
            memcpy(&k, scores->v.arr.data + 4 * i, 4);
            v->score[i] = (float) k;
        }
        size_t slot = tern_fnv1a(strs[i].ptr, (size_t) strs[i].len) & v->mask;
        while (v->slots[slot] >= 0) {
            const int32_t o = v->slots[slot];
            if (v->len[o] == strs[i].len && memcmp(v->text + v->off[o], strs[i].ptr, strs[i].len) == 0) break;
            slot = (slot + 1) & v->mask;
        }
        if (v->slots[slot] < 0) v->slots[slot] = (int32_t) i;    // duplicates: the first id wins
    }
    free(strs);
    return 0;
}

// Special ids, flags and the end-of-generation set. SentencePiece files default to
// LLaMA's <unk> 0, <s> 1, </s> 2 (as llama.cpp); BPE ones look the names up.
static void load_ids(struct tern_vocab * v, const struct tern_gguf * g) {
    const size_t n = v->n;
    const bool spm = v->kind == TERN_VOCAB_SPM;
    int32_t bos = spm ? (n > 1 ? 1 : -1) : tern_vocab_find(v, "<|begin_of_text|>");
    if (bos < 0 && !spm) bos = tern_vocab_find(v, "<|endoftext|>");
    int32_t eos = spm ? (n > 2 ? 2 : -1) : tern_vocab_find(v, "<|end_of_text|>");
    if (eos < 0 && !spm) eos = tern_vocab_find(v, "<|endoftext|>");
    v->bos = key_id(g, "tokenizer.ggml.bos_token_id", n, bos);
    v->eos = key_id(g, "tokenizer.ggml.eos_token_id", n, eos);
    v->unk = key_id(g, "tokenizer.ggml.unknown_token_id", n, spm && n > 0 ? 0 : -1);
    int32_t eot = -1;
    for (size_t i = 0; eot < 0 && i < sizeof(eot_names) / sizeof(eot_names[0]); i++) {
        eot = tern_vocab_find(v, eot_names[i]);
    }
    v->eot = key_id(g, "tokenizer.ggml.eot_token_id", n, eot);
    v->add_eos = false;
    tern_gguf_get_bool(g, "tokenizer.ggml.add_eos_token", &v->add_eos);
    v->add_space_prefix = spm;
    tern_gguf_get_bool(g, "tokenizer.ggml.add_space_prefix", &v->add_space_prefix);
    v->clean_spaces = !spm;
    add_eog(v, v->eos);
    add_eog(v, v->eot);
    add_eog(v, key_id(g, "tokenizer.ggml.eom_token_id", n, -1));
    for (size_t i = 0; i < sizeof(eog_names) / sizeof(eog_names[0]); i++) {
        const int32_t id = tern_vocab_find(v, eog_names[i]);
        if (id >= 0) {
            add_eog(v, id);
            v->type[id] = TOKEN_CONTROL;
        }
    }
    qsort(v->eog, v->n_eog, sizeof(int32_t), cmp_id);
}

bool tern_vocab_present(const struct tern_gguf * g) {
    struct tern_gguf_str model;
    return tern_gguf_get_str(g, "tokenizer.ggml.model", &model);
}

struct tern_vocab * tern_vocab_load_opts(const struct tern_gguf * g, const struct tern_vocab_options * o, char * err,
                                         size_t err_size) {
    struct tern_gguf_str model;
    if (!tern_gguf_get_str(g, "tokenizer.ggml.model", &model)) {
        snprintf(err, err_size, "the file has no tokenizer (no tokenizer.ggml.model)");
        return NULL;
    }
    const bool bpe = tern_gguf_str_eq(model, "gpt2"), spm = tern_gguf_str_eq(model, "llama");
    if (!bpe && !spm) {
        char name[65];
        snprintf(err, err_size, "tokenizer.ggml.model '%s' is not supported (tern reads byte-level BPE 'gpt2' and "
                 "SentencePiece 'llama')", tern_gguf_printable(model, name, sizeof(name)));
        return NULL;
    }
    const struct tern_gguf_kv * tokens = tern_gguf_find_kv(g, "tokenizer.ggml.tokens");
    if (!tokens || tokens->type != TERN_GGUF_ARRAY || tokens->v.arr.type != TERN_GGUF_STRING ||
        tokens->v.arr.count == 0 || tokens->v.arr.count > (1u << 24)) {
        snprintf(err, err_size, "tokenizer.ggml.tokens is missing or not a string array of 1..16M tokens");
        return NULL;
    }
    if (spm && o && o->pre) {
        snprintf(err, err_size, "a SentencePiece vocabulary has no pre-tokenizer to choose");
        return NULL;
    }
    struct tern_vocab * v = calloc(1, sizeof(*v));
    if (!v) return load_fail(v, err, err_size, "out of memory loading the vocabulary");
    v->kind = spm ? TERN_VOCAB_SPM : TERN_VOCAB_BPE;
    v->n = (size_t) tokens->v.arr.count;
    v->eog = malloc((sizeof(eog_names) / sizeof(eog_names[0]) + 3) * sizeof(int32_t));
    if (!v->eog) return load_fail(v, err, err_size, "out of memory loading the vocabulary");
    if (load_tokens(v, g, tokens, err, err_size)) return load_fail(v, err, err_size, NULL);
    load_ids(v, g);      // before the kind's part: it fixes token types
    char arch_buf[65];
    const char * arch = o ? o->arch : NULL;
    struct tern_gguf_str arch_str;
    if (!arch && tern_gguf_get_str(g, "general.architecture", &arch_str)) {
        arch = tern_gguf_printable(arch_str, arch_buf, sizeof(arch_buf));
    }
    if (spm ? tern_spm_load(v, err, err_size) : tern_bpe_load(v, g, arch, o ? o->pre : NULL, err, err_size)) {
        return load_fail(v, err, err_size, NULL);
    }
    // tokenizer.ggml.add_bos_token, else SentencePiece's default (true) or the pre-tokenizer's.
    v->add_bos = spm || v->pre->add_bos;
    tern_gguf_get_bool(g, "tokenizer.ggml.add_bos_token", &v->add_bos);
    // Special tokens, longest first: llama.cpp splits the text at every occurrence of the
    // longest one, then of the next, so "<|eot_id|>" is never cut by a shorter prefix.
    v->specials = malloc(v->n * sizeof(int32_t));
    if (!v->specials) return load_fail(v, err, err_size, "out of memory loading the vocabulary");
    for (size_t i = 0; i < v->n; i++) {
        const uint8_t t = v->type[i];
        if (t == TOKEN_CONTROL || t == TOKEN_USER_DEFINED || t == TOKEN_UNKNOWN) {
            v->specials[v->n_specials++] = (int32_t) i;
        }
    }
    qsort_r(v->specials, v->n_specials, sizeof(int32_t), cmp_special, v);
    return v;
}

struct tern_vocab * tern_vocab_load(const struct tern_gguf * g, char * err, size_t err_size) {
    return tern_vocab_load_opts(g, NULL, err, err_size);
}

void tern_vocab_free(struct tern_vocab * v) {
    if (!v) return;
    free(v->text);
    free(v->off);
    free(v->len);
    free(v->bytes);
    free(v->boff);
    free(v->blen);
    free(v->type);
    free(v->score);
    free(v->slots);
    free(v->mkey);
    free(v->mrank);
    free(v->mres);
    free(v->specials);
    free(v->eog);
    for (size_t i = 0; i < v->n_re; i++) pcre2_code_free(v->re[i]);
    free(v);
}

size_t tern_vocab_size(const struct tern_vocab * v) { return v->n; }
enum tern_vocab_kind tern_vocab_kind(const struct tern_vocab * v) { return v->kind; }
const char * tern_vocab_kind_name(const struct tern_vocab * v) {
    return v->kind == TERN_VOCAB_SPM ? "SentencePiece" : "byte-level BPE";
}
int32_t tern_vocab_bos(const struct tern_vocab * v) { return v->bos; }
int32_t tern_vocab_eos(const struct tern_vocab * v) { return v->eos; }
int32_t tern_vocab_unk(const struct tern_vocab * v) { return v->unk; }
int32_t tern_vocab_eot(const struct tern_vocab * v) { return v->eot; }
bool tern_vocab_add_bos(const struct tern_vocab * v) { return v->add_bos; }
bool tern_vocab_add_eos(const struct tern_vocab * v) { return v->add_eos; }
bool tern_vocab_add_space_prefix(const struct tern_vocab * v) { return v->add_space_prefix; }
const char * tern_vocab_pre(const struct tern_vocab * v) { return v->pre_name; }
const char * tern_vocab_pre_why(const struct tern_vocab * v) { return v->pre_why; }

bool tern_vocab_is_eog(const struct tern_vocab * v, int32_t id) {
    return bsearch(&id, v->eog, v->n_eog, sizeof(int32_t), cmp_id) != NULL;
}

size_t tern_vocab_eog(const struct tern_vocab * v, const int32_t ** ids) {
    *ids = v->eog;
    return v->n_eog;
}

const char * tern_vocab_token_text(const struct tern_vocab * v, int32_t id, size_t * len) {
    if (id < 0 || (size_t) id >= v->n) return NULL;
    *len = v->len[id];
    return v->text + v->off[id];
}

// What token id prints: nothing for control and unknown tokens unless special.
static const char * piece(const struct tern_vocab * v, int32_t id, bool special, size_t * len) {
    *len = 0;
    if (id < 0 || (size_t) id >= v->n) return NULL;
    if ((v->type[id] == TOKEN_CONTROL || v->type[id] == TOKEN_UNKNOWN) && !special) return NULL;
    *len = v->blen[id];
    return v->bytes + v->boff[id];
}

size_t tern_token_bytes(const struct tern_vocab * v, int32_t id, bool special, char * buf, size_t cap) {
    size_t n;
    const char * p = piece(v, id, special, &n);
    if (n) memcpy(buf, p, n < cap ? n : cap);
    return n;
}

// ---------------------------------------------------------------------------- encoding

// A stretch of the text: raw (token < 0) or one special token.
struct fragment {
    size_t off, len;
    int32_t token;
};

struct fragments {
    struct fragment * f;
    size_t n, cap;
};

static int frag_push(struct fragments * l, size_t off, size_t len, int32_t token) {
    if (l->n == l->cap) {
        const size_t cap = l->cap ? 2 * l->cap : 16;
        struct fragment * p = realloc(l->f, cap * sizeof(*p));
        if (!p) return -1;
        l->f = p;
        l->cap = cap;
    }
    l->f[l->n++] = (struct fragment) { off, len, token };
    return 0;
}

// llama.cpp's tokenizer_st_partition: for each special token, longest first, every raw
// fragment is cut at each of its occurrences.
static int partition(const struct tern_vocab * v, const unsigned char * s, size_t len, bool parse_special,
                     struct fragments * out) {
    struct fragments cur = { 0 }, next = { 0 };
    int rc = len ? frag_push(&cur, 0, len, -1) : 0;
    bool present[256] = { false };
    for (size_t i = 0; i < len; i++) present[s[i]] = true;
    for (size_t k = 0; !rc && k < v->n_specials; k++) {
        const int32_t id = v->specials[k];
        const unsigned char * t = (const unsigned char *) v->text + v->off[id];
        const size_t tl = v->len[id];
        if ((!parse_special && v->type[id] != TOKEN_USER_DEFINED) || !present[t[0]]) continue;
        bool hit = false;
        next.n = 0;
        for (size_t i = 0; !rc && i < cur.n; i++) {
            const struct fragment f = cur.f[i];
            const unsigned char * at = f.token < 0 && f.len >= tl ? memmem(s + f.off, f.len, t, tl) : NULL;
            if (!at) {
                rc = frag_push(&next, f.off, f.len, f.token);
                continue;
            }
            hit = true;
            size_t from = f.off;
            const size_t end = f.off + f.len;
            while (at && !rc) {
                const size_t m = (size_t) (at - s);
                if (m > from) rc = frag_push(&next, from, m - from, -1);
                if (!rc) rc = frag_push(&next, m, tl, id);
                from = m + tl;
                at = end - from >= tl ? memmem(s + from, end - from, t, tl) : NULL;
            }
            if (!rc && from < end) rc = frag_push(&next, from, end - from, -1);
        }
        if (hit) {
            const struct fragments tmp = cur;
            cur = next;
            next = tmp;
        }
    }
    free(next.f);
    if (rc) {
        free(cur.f);
        return -1;
    }
    *out = cur;
    return 0;
}

int tern_tokenize(const struct tern_vocab * v, const char * text, size_t len, bool add_special, bool parse_special,
                  int32_t ** out, size_t * n_out, char * err, size_t err_size) {
    const unsigned char * s = (const unsigned char *) text;
    struct tern_ids o = { 0 };
    struct fragments frags = { 0 };
    struct tern_bpe_work * bpe = NULL;
    struct tern_spm_work * spm = NULL;
    int rc = partition(v, s, len, parse_special, &frags);
    if (rc) snprintf(err, err_size, "out of memory tokenizing %zu bytes", len);
    if (add_special && v->add_bos && v->bos >= 0) tern_ids_push(&o, v->bos);
    bool prev_special = true;      // SentencePiece: a space before the text, and after each special token
    for (size_t i = 0; !rc && i < frags.n; i++) {
        const struct fragment f = frags.f[i];
        if (f.token >= 0) {
            tern_ids_push(&o, f.token);
            prev_special = true;
        } else if (v->kind == TERN_VOCAB_SPM) {
            rc = tern_spm_encode(v, &spm, s + f.off, f.len, v->add_space_prefix && prev_special, &o, err, err_size);
            prev_special = false;
        } else {
            rc = tern_bpe_encode(v, &bpe, s + f.off, f.len, &o, err, err_size);
        }
    }
    if (add_special && v->add_eos && v->eos >= 0) tern_ids_push(&o, v->eos);
    if (!rc && o.oom) {
        rc = -1;
        snprintf(err, err_size, "out of memory tokenizing %zu bytes", len);
    }
    free(frags.f);
    tern_bpe_work_free(bpe);
    tern_spm_work_free(spm);
    if (rc) {
        free(o.ids);
        return -1;
    }
    *out = o.ids;
    *n_out = o.n;
    return 0;
}

// ---------------------------------------------------------------------------- decoding

// llama.cpp's clean_up_tokenization_spaces: " ?" " !" " ." " ," lose the space, " ' " loses
// both, " 's" " 'm" " 're" " 've" lose it.
static size_t clean_spaces(char * t, size_t n) {
    size_t w = n ? 1 : 0;
    for (size_t i = 1; i < n; i++) {
        const char x = t[i];
        if (t[i - 1] == ' ' && (x == '?' || x == '!' || x == '.' || x == ',')) w--;
        t[w++] = x;
    }
    n = w;
    w = n ? 1 : 0;
    for (size_t i = 1; i < n; i++) {
        const char x = t[i];
        if (x == '\'' && i + 1 < n && t[i - 1] == ' ' && t[i + 1] == ' ') {
            w--;
            t[++i] = '\0';
        }
        t[w++] = x;
    }
    n = w;
    w = n ? 1 : 0;
    for (size_t i = 1; i < n; i++) {
        const char x = t[i];
        if (t[i - 1] == ' ' && x == '\'' && i + 1 < n) {
            const char x1 = t[i + 1], x2 = i + 2 < n ? t[i + 2] : '\0';
            if (x1 == 's' || x1 == 'm' || (i + 2 < n && ((x1 == 'r' && x2 == 'e') || (x1 == 'v' && x2 == 'e')))) w--;
        }
        t[w++] = x;
    }
    return w;
}

int tern_detokenize(const struct tern_vocab * v, const int32_t * ids, size_t n, bool remove_special,
                    bool unparse_special, char ** out, size_t * len, char * err, size_t err_size) {
    bool remove_space = v->add_space_prefix;
    if (remove_special && v->add_bos && n > 0 && ids[0] == v->bos) {
        remove_space = false;
        ids++;
        n--;
    }
    if (remove_special && v->add_eos && n > 0 && ids[n - 1] == v->eos) n--;
    size_t total = 0, k;
    for (size_t i = 0; i < n; i++) total += (piece(v, ids[i], unparse_special, &k), k);
    char * t = malloc(total + 1);
    if (!t) {
        snprintf(err, err_size, "out of memory decoding %zu tokens", n);
        return -1;
    }
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const char * p = piece(v, ids[i], unparse_special, &k);
        if (i == 0 && remove_space && k > 0 && p[0] == ' ') p++, k--;     // the space SentencePiece added
        if (k) memcpy(t + at, p, k);
        at += k;
    }
    if (v->clean_spaces) at = clean_spaces(t, at);
    t[at] = '\0';
    *out = t;
    *len = at;
    return 0;
}

// ---------------------------------------------------------------------------- streaming

size_t tern_utf8_stream_push(struct tern_utf8_stream * st, const char * in, size_t n, char * out) {
    size_t total = st->n_pending;
    memcpy(out, st->pending, st->n_pending);
    memcpy(out + total, in, n);
    total += n;
    size_t hold = 0;
    for (size_t i = 1; i <= 3 && i <= total; i++) {
        const unsigned char c = (unsigned char) out[total - i];
        if ((c & 0xc0) == 0x80) continue;                   // continuation byte: look further back
        const size_t need = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
        if (need > i) hold = i;                             // a lead byte still waiting for its tail
        break;
    }
    memcpy(st->pending, out + total - hold, hold);
    st->n_pending = hold;
    return total - hold;
}

size_t tern_utf8_stream_flush(struct tern_utf8_stream * st, char * out) {
    memcpy(out, st->pending, st->n_pending);
    const size_t n = st->n_pending;
    st->n_pending = 0;
    return n;
}
