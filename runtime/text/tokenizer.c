// Byte-level BPE (see tern/tokenizer.h).

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/bpe_bytes.h"
#include "tern/gguf.h"
#include "tern/tokenizer.h"

enum { TOKEN_NORMAL = 1, TOKEN_UNKNOWN = 2, TOKEN_CONTROL = 3, TOKEN_USER_DEFINED = 4, TOKEN_UNUSED = 5, TOKEN_BYTE = 6 };

// JavaScript's \s (WhiteSpace + LineTerminator), which the reference tokenizers use; PCRE2's
// own \s differs on U+FEFF.
#define WS "\\t\\n\\x{0b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}"

// Llama-3's pre-tokenizer (tokenizer.json "Split" pattern), \s spelled out as above.
static const char llama3_pattern[] =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^" WS "\\p{L}\\p{N}]+[\\r\\n]*"
    "|[" WS "]*[\\r\\n]+|[" WS "]+(?![^" WS "])|[" WS "]+";
// GPT-2's.
static const char gpt2_pattern[] =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^" WS "\\p{L}\\p{N}]+|[" WS "]+(?![^" WS "])|[" WS "]+";

struct tern_vocab {
    size_t n;
    char * text;                 // every token's text, concatenated
    uint32_t * off, * len;       // (n)
    char * bytes;                // every token's decoded bytes
    uint32_t * boff, * blen;     // (n)
    uint8_t * type;              // (n)
    int32_t * slots;             // text -> id, open addressing, -1 empty
    size_t mask;
    uint64_t * mkey;             // merges: (left << 32 | right) -> rank and result, open addressing
    int32_t * mrank, * mres;
    size_t mmask;
    int32_t byte_id[256];
    int16_t cp_byte[TERN_GPT2_CODEPOINTS];   // GPT-2 byte-to-unicode, inverted
    uint16_t byte_cp[256];
    int32_t * specials;          // control / user-defined ids, longest text first
    size_t n_specials;
    uint8_t special_first[256];
    pcre2_code * re;
    bool ignore_merges, add_bos;
    int32_t bos, eos, eog[4];
    char pre[16];
};

static int32_t find_n(const struct tern_vocab * v, const char * s, size_t n) {
    for (size_t i = tern_fnv1a(s, n) & v->mask;; i = (i + 1) & v->mask) {
        const int32_t id = v->slots[i];
        if (id < 0) return -1;
        if (v->len[id] == n && memcmp(v->text + v->off[id], s, n) == 0) return id;
    }
}

int32_t tern_vocab_find(const struct tern_vocab * v, const char * text) {
    return find_n(v, text, strlen(text));
}

static uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    return k ^ (k >> 33);
}

static bool merge_find(const struct tern_vocab * v, int32_t a, int32_t b, int32_t * rank, int32_t * res) {
    if (!v->mkey) return false;
    const uint64_t key = (uint64_t) (uint32_t) a << 32 | (uint32_t) b;
    for (size_t i = mix(key) & v->mmask;; i = (i + 1) & v->mmask) {
        if (v->mrank[i] < 0) return false;
        if (v->mkey[i] == key) {
            *rank = v->mrank[i];
            *res = v->mres[i];
            return true;
        }
    }
}

// One code point at s (n bytes left); *adv its length, or 1 and -1 for an invalid byte.
static int32_t utf8_get(const unsigned char * s, size_t n, size_t * adv) {
    *adv = 1;
    if (s[0] < 0x80) return s[0];
    size_t need = (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
    if (!need || need > n) return -1;
    int32_t cp = s[0] & (0x7f >> need);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80) return -1;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    *adv = need;
    return cp;
}

static int cmp_special(const void * a, const void * b, void * vv) {
    const struct tern_vocab * v = vv;
    const int32_t x = *(const int32_t *) a, y = *(const int32_t *) b;
    return v->len[x] != v->len[y] ? (v->len[x] < v->len[y] ? 1 : -1) : (x > y) - (x < y);
}

// msg NULL: err already holds the reason.
static struct tern_vocab * load_fail(struct tern_vocab * v, char * err, size_t err_size, const char * msg) {
    if (msg) snprintf(err, err_size, "%s", msg);
    tern_vocab_free(v);
    return NULL;
}

struct tern_vocab * tern_vocab_load(const struct tern_gguf * g, char * err, size_t err_size) {
    err[0] = '\0';
    struct tern_gguf_str model;
    if (!tern_gguf_get_str(g, "tokenizer.ggml.model", &model)) return NULL;
    if (!tern_gguf_str_eq(model, "gpt2")) {
        char name[65];
        snprintf(err, err_size, "tokenizer.ggml.model '%s' is not supported (tern reads byte-level BPE, 'gpt2')",
                 tern_gguf_printable(model, name, sizeof(name)));
        return NULL;
    }
    const struct tern_gguf_kv * tokens = tern_gguf_find_kv(g, "tokenizer.ggml.tokens");
    if (!tokens || tokens->type != TERN_GGUF_ARRAY || tokens->v.arr.type != TERN_GGUF_STRING || tokens->v.arr.count == 0 ||
        tokens->v.arr.count > (1u << 24)) {
        snprintf(err, err_size, "tokenizer.ggml.tokens is missing or not a string array of 1..16M tokens");
        return NULL;
    }
    struct tern_vocab * v = calloc(1, sizeof(*v));
    if (!v) return load_fail(v, err, err_size, "out of memory loading the vocabulary");
    const size_t n = (size_t) tokens->v.arr.count;
    v->n = n;
    tern_gpt2_byte_map(v->byte_cp, v->cp_byte);
    struct tern_gguf_str * strs = malloc(n * sizeof(*strs));
    v->off = malloc(n * 4);
    v->len = malloc(n * 4);
    v->boff = malloc(n * 4);
    v->blen = malloc(n * 4);
    v->type = malloc(n);
    size_t cap = 1;
    while (cap < 2 * n) cap <<= 1;
    v->slots = malloc(cap * sizeof(int32_t));
    v->mask = cap - 1;
    if (!strs || !v->off || !v->len || !v->boff || !v->blen || !v->type || !v->slots) {
        free(strs);
        return load_fail(v, err, err_size, "out of memory loading the vocabulary");
    }
    tern_gguf_arr_strings(tokens, strs, n);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (strs[i].len == 0 || strs[i].len > 1024) {
            free(strs);
            snprintf(err, err_size, "token %zu has an empty or over-long text", i);
            return load_fail(v, err, err_size, NULL);
        }
        total += (size_t) strs[i].len;
    }
    v->text = malloc(total);
    v->bytes = malloc(total);      // decoding never lengthens a token
    if (!v->text || !v->bytes) {
        free(strs);
        return load_fail(v, err, err_size, "out of memory loading the vocabulary");
    }
    memset(v->slots, 0xff, cap * sizeof(int32_t));
    const struct tern_gguf_kv * types = tern_gguf_find_kv(g, "tokenizer.ggml.token_type");
    const bool have_types = types && types->type == TERN_GGUF_ARRAY && types->v.arr.type == TERN_GGUF_INT32 &&
                            types->v.arr.count == n;
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        v->off[i] = (uint32_t) pos;
        v->len[i] = (uint32_t) strs[i].len;
        memcpy(v->text + pos, strs[i].ptr, strs[i].len);
        pos += (size_t) strs[i].len;
        int32_t ty = TOKEN_NORMAL;
        if (have_types) {
            memcpy(&ty, types->v.arr.data + 4 * i, 4);
        } else if (strs[i].len > 4 && memcmp(strs[i].ptr, "<|", 2) == 0 && memcmp(strs[i].ptr + strs[i].len - 2, "|>", 2) == 0) {
            ty = TOKEN_CONTROL;
        }
        v->type[i] = (uint8_t) (ty >= 1 && ty <= 6 ? ty : TOKEN_NORMAL);
        size_t slot = tern_fnv1a(strs[i].ptr, (size_t) strs[i].len) & v->mask;
        while (v->slots[slot] >= 0) {
            const int32_t o = v->slots[slot];
            if (v->len[o] == strs[i].len && memcmp(v->text + v->off[o], strs[i].ptr, strs[i].len) == 0) break;
            slot = (slot + 1) & v->mask;
        }
        if (v->slots[slot] < 0) v->slots[slot] = (int32_t) i;    // duplicates: the first id wins
    }
    free(strs);
    // Decoded bytes: each code point of the GPT-2 mapping back to its byte; other text as is.
    size_t bpos = 0;
    for (size_t i = 0; i < n; i++) {
        v->boff[i] = (uint32_t) bpos;
        const unsigned char * s = (const unsigned char *) v->text + v->off[i];
        const bool literal = v->type[i] == TOKEN_CONTROL || v->type[i] == TOKEN_USER_DEFINED;
        for (size_t j = 0; j < v->len[i];) {
            size_t adv;
            const int32_t cp = utf8_get(s + j, v->len[i] - j, &adv);
            if (!literal && cp >= 0 && cp < TERN_GPT2_CODEPOINTS && v->cp_byte[cp] >= 0) {
                v->bytes[bpos++] = (char) v->cp_byte[cp];
            } else {
                memcpy(v->bytes + bpos, s + j, adv);
                bpos += adv;
            }
            j += adv;
        }
        v->blen[i] = (uint32_t) (bpos - v->boff[i]);
    }
    for (int b = 0; b < 256; b++) {
        char u[4];
        v->byte_id[b] = find_n(v, u, tern_utf8_put(v->byte_cp[b], u));
        if (v->byte_id[b] < 0) {
            snprintf(err, err_size, "the vocabulary lacks the byte token for 0x%02x: not a byte-level BPE vocabulary", b);
            return load_fail(v, err, err_size, NULL);
        }
    }
    // Merges "A B" -> rank.
    const struct tern_gguf_kv * merges = tern_gguf_find_kv(g, "tokenizer.ggml.merges");
    if (merges) {
        if (merges->type != TERN_GGUF_ARRAY || merges->v.arr.type != TERN_GGUF_STRING || merges->v.arr.count > (1u << 24)) {
            return load_fail(v, err, err_size, "tokenizer.ggml.merges is not a string array");
        }
        const size_t nm = (size_t) merges->v.arr.count;
        struct tern_gguf_str * ms = malloc((nm ? nm : 1) * sizeof(*ms));
        size_t mcap = 1;
        while (mcap < 2 * nm + 2) mcap <<= 1;
        v->mkey = malloc(mcap * 8);
        v->mrank = malloc(mcap * 4);
        v->mres = malloc(mcap * 4);
        v->mmask = mcap - 1;
        if (!ms || !v->mkey || !v->mrank || !v->mres) {
            free(ms);
            return load_fail(v, err, err_size, "out of memory loading the merges");
        }
        memset(v->mrank, 0xff, mcap * 4);
        tern_gguf_arr_strings(merges, ms, nm);
        char buf[2100];
        for (size_t r = 0; r < nm; r++) {
            const char * sp = ms[r].len < 2048 ? memchr(ms[r].ptr, ' ', ms[r].len) : NULL;
            if (!sp) {
                free(ms);
                snprintf(err, err_size, "merge %zu is not 'LEFT RIGHT'", r);
                return load_fail(v, err, err_size, NULL);
            }
            const size_t la = (size_t) (sp - ms[r].ptr), lb = (size_t) ms[r].len - la - 1;
            const int32_t a = find_n(v, ms[r].ptr, la), b = find_n(v, sp + 1, lb);
            memcpy(buf, ms[r].ptr, la);
            memcpy(buf + la, sp + 1, lb);
            const int32_t c = find_n(v, buf, la + lb);
            if (a < 0 || b < 0 || c < 0) {
                free(ms);
                snprintf(err, err_size, "merge %zu names a token the vocabulary lacks", r);
                return load_fail(v, err, err_size, NULL);
            }
            const uint64_t key = (uint64_t) (uint32_t) a << 32 | (uint32_t) b;
            size_t i = mix(key) & v->mmask;
            while (v->mrank[i] >= 0 && v->mkey[i] != key) i = (i + 1) & v->mmask;
            if (v->mrank[i] < 0) {      // a repeated merge keeps its first (best) rank
                v->mkey[i] = key;
                v->mrank[i] = (int32_t) r;
                v->mres[i] = c;
            }
        }
        free(ms);
    }
    // Special tokens, longest first so "<|eot_id|>" is never cut by a shorter prefix.
    v->specials = malloc(n * sizeof(int32_t));
    if (!v->specials) return load_fail(v, err, err_size, "out of memory loading the vocabulary");
    for (size_t i = 0; i < n; i++) {
        if (v->type[i] == TOKEN_CONTROL || v->type[i] == TOKEN_USER_DEFINED) {
            v->specials[v->n_specials++] = (int32_t) i;
            v->special_first[(uint8_t) v->text[v->off[i]]] = 1;
        }
    }
    qsort_r(v->specials, v->n_specials, sizeof(int32_t), cmp_special, v);
    // Ids and flags.
    uint32_t id;
    v->bos = tern_gguf_get_u32(g, "tokenizer.ggml.bos_token_id", &id) && id < n ? (int32_t) id : tern_vocab_find(v, "<|begin_of_text|>");
    v->eos = tern_gguf_get_u32(g, "tokenizer.ggml.eos_token_id", &id) && id < n ? (int32_t) id : tern_vocab_find(v, "<|end_of_text|>");
    v->add_bos = true;
    tern_gguf_get_bool(g, "tokenizer.ggml.add_bos_token", &v->add_bos);
    v->eog[0] = v->eos;
    v->eog[1] = tern_vocab_find(v, "<|eot_id|>");
    v->eog[2] = tern_vocab_find(v, "<|end_of_text|>");
    v->eog[3] = tern_vocab_find(v, "<|eom_id|>");
    // Pre-tokenizer: Llama-3's unless the file names GPT-2's.
    struct tern_gguf_str pre;
    const char * pattern = llama3_pattern;
    snprintf(v->pre, sizeof(v->pre), "llama3");
    v->ignore_merges = true;     // Llama-3: a piece that is itself a token is not merged
    if (tern_gguf_get_str(g, "tokenizer.ggml.pre", &pre) && tern_gguf_str_eq(pre, "gpt2")) {
        pattern = gpt2_pattern;
        snprintf(v->pre, sizeof(v->pre), "gpt2");
        v->ignore_merges = false;
    }
    int code;
    PCRE2_SIZE at;
    v->re = pcre2_compile((PCRE2_SPTR) pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF,
                          &code, &at, NULL);
    if (!v->re) {
        char msg[160];
        pcre2_get_error_message(code, (PCRE2_UCHAR *) msg, sizeof(msg));
        snprintf(err, err_size, "pre-tokenizer regex does not compile at %zu: %s", (size_t) at, msg);
        return load_fail(v, err, err_size, NULL);
    }
    pcre2_jit_compile(v->re, PCRE2_JIT_COMPLETE);     // optional: the interpreter is the fallback
    return v;
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
    free(v->slots);
    free(v->mkey);
    free(v->mrank);
    free(v->mres);
    free(v->specials);
    if (v->re) pcre2_code_free(v->re);
    free(v);
}

size_t tern_vocab_size(const struct tern_vocab * v) { return v->n; }
int32_t tern_vocab_bos(const struct tern_vocab * v) { return v->bos; }
int32_t tern_vocab_eos(const struct tern_vocab * v) { return v->eos; }
bool tern_vocab_add_bos(const struct tern_vocab * v) { return v->add_bos; }
const char * tern_vocab_pre(const struct tern_vocab * v) { return v->pre; }

bool tern_vocab_is_eog(const struct tern_vocab * v, int32_t id) {
    for (int i = 0; i < 4; i++) {
        if (id >= 0 && v->eog[i] == id) return true;
    }
    return false;
}

size_t tern_token_bytes(const struct tern_vocab * v, int32_t id, bool special, char * buf, size_t cap) {
    if (id < 0 || (size_t) id >= v->n) return 0;
    if (v->type[id] == TOKEN_CONTROL && !special) return 0;
    const size_t n = v->blen[id];
    memcpy(buf, v->bytes + v->boff[id], n < cap ? n : cap);
    return n;
}

// ---------------------------------------------------------------------------- encoding

struct out_ids {
    int32_t * ids;
    size_t n, cap;
    bool oom;
};

static void push_id(struct out_ids * o, int32_t id) {
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

struct cand {
    int32_t rank;
    uint32_t left;
};

// Scratch of one encode call, grown to the longest piece.
struct bpe {
    int32_t * id;
    uint32_t * prev, * next;     // linked list of live symbols (UINT32_MAX = none)
    struct cand * heap;
    size_t n_heap, cap;
    char * mapped;               // the piece in GPT-2's unicode mapping
};

static bool cand_less(struct cand a, struct cand b) {
    return a.rank != b.rank ? a.rank < b.rank : a.left < b.left;
}

static void heap_push(struct bpe * w, struct cand c) {
    size_t i = w->n_heap++;
    w->heap[i] = c;
    while (i && cand_less(w->heap[i], w->heap[(i - 1) / 2])) {
        const struct cand t = w->heap[i];
        w->heap[i] = w->heap[(i - 1) / 2];
        w->heap[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static struct cand heap_pop(struct bpe * w) {
    const struct cand top = w->heap[0];
    w->heap[0] = w->heap[--w->n_heap];
    for (size_t i = 0;;) {
        size_t m = i;
        const size_t l = 2 * i + 1, r = l + 1;
        if (l < w->n_heap && cand_less(w->heap[l], w->heap[m])) m = l;
        if (r < w->n_heap && cand_less(w->heap[r], w->heap[m])) m = r;
        if (m == i) break;
        const struct cand t = w->heap[i];
        w->heap[i] = w->heap[m];
        w->heap[m] = t;
        i = m;
    }
    return top;
}

static int bpe_reserve(struct bpe * w, size_t n) {
    if (n <= w->cap) return 0;
    size_t cap = w->cap ? w->cap : 64;
    while (cap < n) cap *= 2;
    int32_t * id = realloc(w->id, cap * sizeof(int32_t));
    if (id) w->id = id;
    uint32_t * prev = realloc(w->prev, cap * sizeof(uint32_t));
    if (prev) w->prev = prev;
    uint32_t * next = realloc(w->next, cap * sizeof(uint32_t));
    if (next) w->next = next;
    struct cand * heap = realloc(w->heap, 2 * cap * sizeof(struct cand));   // each merge adds <= 2
    if (heap) w->heap = heap;
    char * mapped = realloc(w->mapped, 2 * cap);
    if (mapped) w->mapped = mapped;
    if (!id || !prev || !next || !heap || !mapped) return -1;
    w->cap = cap;
    return 0;
}

static void try_pair(const struct tern_vocab * v, struct bpe * w, uint32_t left) {
    const uint32_t right = w->next[left];
    int32_t rank, res;
    if (right != UINT32_MAX && merge_find(v, w->id[left], w->id[right], &rank, &res)) {
        heap_push(w, (struct cand) { rank, left });
    }
}

// One pre-tokenized piece: lowest-rank merge first (leftmost on ties), as Hugging Face's BPE.
static int encode_piece(const struct tern_vocab * v, struct bpe * w, const unsigned char * s, size_t n, struct out_ids * o) {
    if (bpe_reserve(w, n + 1)) return -1;
    if (v->ignore_merges) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) m += tern_utf8_put(v->byte_cp[s[i]], w->mapped + m);
        const int32_t whole = find_n(v, w->mapped, m);
        if (whole >= 0) {
            push_id(o, whole);
            return 0;
        }
    }
    for (size_t i = 0; i < n; i++) {
        w->id[i] = v->byte_id[s[i]];
        w->prev[i] = i ? (uint32_t) i - 1 : UINT32_MAX;
        w->next[i] = i + 1 < n ? (uint32_t) i + 1 : UINT32_MAX;
    }
    w->n_heap = 0;
    for (size_t i = 0; i + 1 < n; i++) try_pair(v, w, (uint32_t) i);
    while (w->n_heap) {
        const struct cand c = heap_pop(w);
        const uint32_t left = c.left, right = w->next[left];
        int32_t rank, res;
        // Stale candidates (a side already merged away or changed) are skipped.
        if (w->id[left] < 0 || right == UINT32_MAX || !merge_find(v, w->id[left], w->id[right], &rank, &res) ||
            rank != c.rank) {
            continue;
        }
        w->id[left] = res;
        w->id[right] = -1;
        w->next[left] = w->next[right];
        if (w->next[right] != UINT32_MAX) w->prev[w->next[right]] = left;
        if (w->prev[left] != UINT32_MAX) try_pair(v, w, w->prev[left]);
        try_pair(v, w, left);
    }
    for (uint32_t i = 0; i != UINT32_MAX; i = w->next[i]) push_id(o, w->id[i]);
    return 0;
}

// Text without special tokens: regex pieces; bytes the regex cannot match (invalid UTF-8)
// form pieces of their own.
static int encode_text(const struct tern_vocab * v, struct bpe * w, pcre2_match_data * md, const unsigned char * s,
                       size_t n, struct out_ids * o, char * err, size_t err_size) {
    size_t at = 0;
    while (at < n) {
        const int rc = pcre2_match(v->re, s, n, at, 0, md, NULL);
        if (rc == PCRE2_ERROR_NOMATCH) return encode_piece(v, w, s + at, n - at, o);
        if (rc < 0) {
            char msg[160];
            pcre2_get_error_message(rc, (PCRE2_UCHAR *) msg, sizeof(msg));
            snprintf(err, err_size, "pre-tokenizer failed at byte %zu: %s", at, msg);
            return -1;
        }
        const PCRE2_SIZE * ov = pcre2_get_ovector_pointer(md);
        if (ov[0] > at && encode_piece(v, w, s + at, ov[0] - at, o)) return -1;
        if (ov[1] == ov[0]) {            // an empty match cannot happen with these patterns; never loop
            if (encode_piece(v, w, s + ov[0], 1, o)) return -1;
            at = ov[0] + 1;
            continue;
        }
        if (encode_piece(v, w, s + ov[0], ov[1] - ov[0], o)) return -1;
        at = ov[1];
    }
    return 0;
}

int tern_tokenize(const struct tern_vocab * v, const char * text, size_t len, bool add_bos, bool parse_special,
                  int32_t ** out, size_t * n_out, char * err, size_t err_size) {
    struct out_ids o = { 0 };
    struct bpe w = { 0 };
    pcre2_match_data * md = pcre2_match_data_create_from_pattern(v->re, NULL);
    int rc = md ? 0 : -1;
    if (!md) snprintf(err, err_size, "out of memory tokenizing");
    if (add_bos && v->bos >= 0) push_id(&o, v->bos);
    const unsigned char * s = (const unsigned char *) text;
    size_t start = 0;
    for (size_t i = 0; !rc && i < len;) {
        int32_t hit = -1;
        if (parse_special && v->special_first[s[i]]) {
            for (size_t j = 0; j < v->n_specials; j++) {
                const int32_t id = v->specials[j];
                if (v->len[id] <= len - i && memcmp(s + i, v->text + v->off[id], v->len[id]) == 0) {
                    hit = id;
                    break;
                }
            }
        }
        if (hit < 0) {
            i++;
            continue;
        }
        if (i > start) rc = encode_text(v, &w, md, s + start, i - start, &o, err, err_size);
        push_id(&o, hit);
        i += v->len[hit];
        start = i;
    }
    if (!rc && start < len) rc = encode_text(v, &w, md, s + start, len - start, &o, err, err_size);
    if (!rc && o.oom) {
        rc = -1;
        snprintf(err, err_size, "out of memory tokenizing %zu bytes", len);
    }
    if (md) pcre2_match_data_free(md);
    free(w.id);
    free(w.prev);
    free(w.next);
    free(w.heap);
    free(w.mapped);
    if (rc) {
        free(o.ids);
        return -1;
    }
    *out = o.ids;
    *n_out = o.n;
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
