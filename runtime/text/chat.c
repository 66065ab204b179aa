// Chat formats (see tern/chat.h). Each is a row: how one message is written, the opening of
// the assistant's turn, and the texts that mean the model went on to the next turn.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/chat.h"
#include "tern/gguf.h"
#include "tern/tokenizer.h"

struct text {
    char * p;
    size_t n, cap;
    bool oom;
};

static void put_n(struct text * t, const char * s, size_t n) {
    if (t->oom) return;
    if (t->n + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->n + n + 1) cap *= 2;
        char * p = realloc(t->p, cap);
        if (!p) {
            t->oom = true;
            return;
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->n, s, n);
    t->n += n;
    t->p[t->n] = '\0';
}

static void put(struct text * t, const char * s) { put_n(t, s, strlen(s)); }

// Python's str.strip() whitespace, which Meta's template (`content | trim`, rendered by
// transformers) removes: ASCII whitespace, U+001C..U+001F, U+0085, U+00A0, U+1680,
// U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. Returns the length of the
// whitespace character at s (or ending at s + n when `back`), 0 if there is none.
static size_t white(const char * s, size_t n, bool back) {
    static const char * const multi[] = { "\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\xa8", "\xe2\x80\xa9",
                                          "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80" };
    if (!n) return 0;
    const char c = back ? s[n - 1] : s[0];
    if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f)) return 1;
    for (size_t i = 0; i < sizeof(multi) / sizeof(multi[0]); i++) {
        const size_t l = strlen(multi[i]);
        if (n >= l && !memcmp(back ? s + n - l : s, multi[i], l)) return l;
    }
    // U+2000..U+200A: e2 80 80..8a
    const unsigned char * u = (const unsigned char *) (back ? s + n - 3 : s);
    return n >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x80 && u[2] <= 0x8a ? 3 : 0;
}

static void put_trimmed(struct text * t, const char * s) {
    size_t a = 0, b = strlen(s), k;
    while ((k = white(s + a, b - a, false))) a += k;
    while ((k = white(s + a, b - a, true))) b -= k;
    put_n(t, s + a, b - a);
}

// Jinja's capitalize: the first letter upper case, the rest lower (2B4T: "User", "Assistant").
static void put_capitalized(struct text * t, const char * s) {
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        if (i == 0 && c >= 'a' && c <= 'z') c = (char) (c - 'a' + 'A');
        if (i > 0 && c >= 'A' && c <= 'Z') c = (char) (c - 'A' + 'a');
        put_n(t, &c, 1);
    }
}

enum role_as { ROLE_OMITTED, ROLE_AS_IS, ROLE_CAPITALIZED };

static const char * const stops_none[] = { NULL };
static const char * const stops_bitnet[] = { "User:", NULL };
static const char * const stops_llama3[] = { "<|start_header_id|>", NULL };
static const char * const stops_falcon3[] = { "<|user|>", NULL };
static const char * const stops_chatml[] = { "<|im_start|>", NULL };

// A message is open + role + mid + content + close.
static const struct {
    const char * name;
    const char * open;
    enum role_as role;
    const char * mid;
    bool trim;                    // the content stripped of whitespace at both ends
    const char * close;
    const char * generation_prompt;
    const char * const * stops;
} formats[TERN_CHAT_FORMAT_COUNT] = {
    [TERN_CHAT_NONE] = { "none", "", ROLE_OMITTED, "", false, "", "", stops_none },
    // HF 2B4T: {{ message['role'] | capitalize }}: {{ message['content'] }}<|eot_id|>
    [TERN_CHAT_BITNET] = { "bitnet", "", ROLE_CAPITALIZED, ": ", false, "<|eot_id|>", "Assistant: ", stops_bitnet },
    // Meta's template (content | trim); llama.cpp's LLM_CHAT_TEMPLATE_LLAMA_3 trims ASCII only.
    [TERN_CHAT_LLAMA3] = { "llama3", "<|start_header_id|>", ROLE_AS_IS, "<|end_header_id|>\n\n", true, "<|eot_id|>",
                           "<|start_header_id|>assistant<|end_header_id|>\n\n", stops_llama3 },
    // llama.cpp's LLM_CHAT_TEMPLATE_FALCON_3.
    [TERN_CHAT_FALCON3] = { "falcon3", "<|", ROLE_AS_IS, "|>\n", false, "\n", "<|assistant|>\n", stops_falcon3 },
    // llama.cpp's LLM_CHAT_TEMPLATE_CHATML.
    [TERN_CHAT_CHATML] = { "chatml", "<|im_start|>", ROLE_AS_IS, "\n", false, "<|im_end|>\n", "<|im_start|>assistant\n",
                           stops_chatml },
};

static void put_message(struct text * t, enum tern_chat_format f, const struct tern_chat_message * m) {
    put(t, formats[f].open);
    if (formats[f].role == ROLE_AS_IS) put(t, m->role);
    if (formats[f].role == ROLE_CAPITALIZED) put_capitalized(t, m->role);
    put(t, formats[f].mid);
    if (formats[f].trim) {
        put_trimmed(t, m->content);
    } else {
        put(t, m->content);
    }
    put(t, formats[f].close);
}

const char * tern_chat_format_name(enum tern_chat_format f) {
    return (unsigned) f < TERN_CHAT_FORMAT_COUNT ? formats[f].name : "?";
}

int tern_chat_format_from_name(const char * name, enum tern_chat_format * out, char * err, size_t err_size) {
    char names[128] = "";
    for (int f = 0; f < TERN_CHAT_FORMAT_COUNT; f++) {
        if (name && !strcmp(name, formats[f].name)) {
            *out = (enum tern_chat_format) f;
            return 0;
        }
        snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", f ? ", " : "", formats[f].name);
    }
    char shown[65];
    tern_gguf_printable((struct tern_gguf_str) { name ? name : "", name ? strlen(name) : 0 }, shown, sizeof(shown));
    snprintf(err, err_size, "unknown chat template '%s' (tern has %s)", shown, names);
    return -1;
}

const char * const * tern_chat_stop_texts(enum tern_chat_format f) {
    return (unsigned) f < TERN_CHAT_FORMAT_COUNT ? formats[f].stops : stops_none;
}

static char * render(enum tern_chat_format f, const struct tern_chat_message * msgs, size_t n, bool add_gen,
                     size_t * len) {
    if ((unsigned) f >= TERN_CHAT_FORMAT_COUNT) return NULL;
    struct text t = { 0 };
    put(&t, "");
    for (size_t i = 0; i < n; i++) {
        if (!msgs[i].role || !msgs[i].content) {
            free(t.p);
            return NULL;
        }
        put_message(&t, f, &msgs[i]);
    }
    if (add_gen) put(&t, formats[f].generation_prompt);
    if (t.oom) {
        free(t.p);
        return NULL;
    }
    *len = t.n;
    return t.p;
}

char * tern_chat_render(enum tern_chat_format f, const struct tern_chat_message * msgs, size_t n,
                        bool add_generation_prompt) {
    size_t len;
    return render(f, msgs, n, add_generation_prompt, &len);
}

char * tern_chat_render_delta(enum tern_chat_format f, const struct tern_chat_message * msgs, size_t n_past, size_t n,
                              bool add_generation_prompt) {
    size_t lp, lf;
    if (n_past > n) return NULL;
    char * past = render(f, msgs, n_past, false, &lp);
    char * full = past ? render(f, msgs, n, add_generation_prompt, &lf) : NULL;
    char * out = NULL;
    if (full && lp <= lf && memcmp(past, full, lp) == 0) {
        const bool newline = add_generation_prompt && lp > 0 && past[lp - 1] == '\n';
        out = malloc(lf - lp + 2);
        if (out) {
            memcpy(out, "\n", newline);
            memcpy(out + newline, full + lp, lf - lp + 1);
        }
    }
    free(past);
    free(full);
    return out;
}

// ---------------------------------------------------------------------------- detection

// A template's shape -> format, in llama.cpp's order (llm_chat_detect_template); formats tern
// does not render are recognised only to be passed over.
static bool has(const char * s, const char * what) { return strstr(s, what) != NULL; }

static int from_template(const char * t, const char ** marker) {
    if (has(t, "<|im_start|>")) {
        *marker = "<|im_start|>";
        return has(t, "<|im_sep|>") || has(t, "<end_of_utterance>") ? -1 : TERN_CHAT_CHATML;    // phi4, SmolVLM
    }
    if (has(t, "<|assistant|>") && has(t, "<|end|>")) return -1;                             // phi3
    if (has(t, "<|assistant|>") && has(t, "<|user|>")) {
        // llama.cpp also wants "</s>" here to tell Falcon3 from GLM-Edge, which tern lacks.
        *marker = "<|user|> and <|assistant|>";
        return TERN_CHAT_FALCON3;
    }
    if (has(t, "<|start_header_id|>") && has(t, "<|end_header_id|>")) {
        *marker = "<|start_header_id|>";
        return TERN_CHAT_LLAMA3;
    }
    if (has(t, "capitalize") && has(t, "<|eot_id|>")) {
        *marker = "capitalized roles and <|eot_id|>";
        return TERN_CHAT_BITNET;
    }
    return -1;
}

enum tern_chat_format tern_chat_detect(const char * arch, const char * template_text, const struct tern_vocab * v,
                                       char * why, size_t why_size) {
    char dummy[8];
    if (!why) {
        why = dummy;
        why_size = sizeof(dummy);
    }
    if (arch && (!strcmp(arch, "bitnet-b1.58") || !strcmp(arch, "bitnet-25"))) {
        snprintf(why, why_size, "arch %s: BitNet b1.58 2B4T's format (its published file carries a wrong template)",
                 arch);
        return TERN_CHAT_BITNET;
    }
    const char * marker = "";
    const int f = template_text ? from_template(template_text, &marker) : -1;
    if (f >= 0) {
        snprintf(why, why_size, "tokenizer.chat_template has %s", marker);
        return (enum tern_chat_format) f;
    }
    const char * prefix = template_text ? "tokenizer.chat_template not recognised; " : "no tokenizer.chat_template; ";
    static const struct {
        const char * token;
        enum tern_chat_format f;
    } by_token[] = {
        { "<|start_header_id|>", TERN_CHAT_LLAMA3 },
        { "<|assistant|>", TERN_CHAT_FALCON3 },
        { "<|im_start|>", TERN_CHAT_CHATML },
    };
    if (v && tern_vocab_kind(v) == TERN_VOCAB_BPE) {
        for (size_t i = 0; i < sizeof(by_token) / sizeof(by_token[0]); i++) {
            if (tern_vocab_find(v, by_token[i].token) >= 0) {
                snprintf(why, why_size, "%sthe vocabulary has %s", prefix, by_token[i].token);
                return by_token[i].f;
            }
        }
    }
    const char * base = !v                                    ? "no vocabulary: a base model"
                        : tern_vocab_kind(v) == TERN_VOCAB_SPM ? "a SentencePiece base vocabulary"
                                                               : "no chat tokens: a base model";
    snprintf(why, why_size, "%s%s", prefix, base);
    return TERN_CHAT_NONE;
}

static char * gguf_string(const struct tern_gguf * g, const char * key) {
    struct tern_gguf_str s;
    if (!tern_gguf_get_str(g, key, &s) || s.len > ((size_t) 1 << 24)) return NULL;
    char * c = malloc((size_t) s.len + 1);
    if (!c) return NULL;
    memcpy(c, s.ptr, (size_t) s.len);
    c[s.len] = '\0';
    return c;
}

enum tern_chat_format tern_chat_detect_gguf(const struct tern_gguf * g, const struct tern_vocab * v, char * why,
                                            size_t why_size) {
    char * arch = gguf_string(g, "general.architecture");
    char * tmpl = gguf_string(g, "tokenizer.chat_template");
    const enum tern_chat_format f = tern_chat_detect(arch, tmpl, v, why, why_size);
    free(arch);
    free(tmpl);
    return f;
}

char * tern_chat_turn_bitnet(const char * system, const char * user, bool first) {
    struct tern_chat_message m[2] = { { "system", system ? system : "" }, { "user", user } };
    const bool with_system = first && system && *system;
    char * turn = tern_chat_render(TERN_CHAT_BITNET, with_system ? m : m + 1, with_system ? 2 : 1, true);
    if (!turn || !first) return turn;
    static const char bos[] = "<|begin_of_text|>";
    char * out = malloc(strlen(turn) + sizeof(bos));
    if (out) {
        memcpy(out, bos, sizeof(bos) - 1);
        strcpy(out + sizeof(bos) - 1, turn);
    }
    free(turn);
    return out;
}
