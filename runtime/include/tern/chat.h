// Chat formats built into tern (no Jinja): a message list rendered to the prompt text of the
// model family, and the format recognised from the file (its tokenizer.chat_template by shape,
// as llama.cpp's llm_chat_detect_template does; else the arch and vocabulary).
//
// The rendered text never holds the BOS token: tokenize it with add_special = true (the
// vocabulary adds BOS where it wants one) and parse_special = true (the format's markers are
// control tokens).
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct tern_gguf;
struct tern_vocab;

enum tern_chat_format {
    TERN_CHAT_NONE,       // base models: the messages' contents one after another
    TERN_CHAT_BITNET,     // BitNet b1.58 2B4T: "System: S<|eot_id|>User: U<|eot_id|>Assistant: "
    TERN_CHAT_LLAMA3,     // "<|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>" (content trimmed)
    TERN_CHAT_FALCON3,    // "<|role|>\ncontent\n", then "<|assistant|>\n"
    TERN_CHAT_CHATML,     // "<|im_start|>role\ncontent<|im_end|>\n"
    TERN_CHAT_FORMAT_COUNT
};

struct tern_chat_message {
    const char * role;    // "system", "user", "assistant" (any role is rendered as given)
    const char * content;
};

// "none", "bitnet", "llama3", "falcon3", "chatml".
const char * tern_chat_format_name(enum tern_chat_format f);
// By name (a --chat-template value): 0, or -1 with a one-line reason listing the names.
int tern_chat_format_from_name(const char * name, enum tern_chat_format * out, char * err, size_t err_size);

// The format of a model: arch bitnet-b1.58 / bitnet-25 is "bitnet" whatever the file says
// (Microsoft's 2B4T file carries a wrong template); else the template text recognised by its
// markers; else by vocabulary (<|start_header_id|> -> llama3, <|assistant|> -> falcon3,
// <|im_start|> -> chatml, SentencePiece or nothing known -> none). arch, template_text and v
// may be NULL. why (if not NULL) gets a one-line reason, e.g. "tokenizer.chat_template has
// <|im_start|>".
enum tern_chat_format tern_chat_detect(const char * arch, const char * template_text, const struct tern_vocab * v,
                                       char * why, size_t why_size);
// The same from a file's general.architecture and tokenizer.chat_template.
enum tern_chat_format tern_chat_detect_gguf(const struct tern_gguf * g, const struct tern_vocab * v, char * why,
                                            size_t why_size);

// The whole conversation (what the server renders per request). add_generation_prompt ends
// it with the opening of an assistant turn. Returns a malloc'd string, or NULL when out of
// memory or a role / content is NULL.
char * tern_chat_render(enum tern_chat_format f, const struct tern_chat_message * msgs, size_t n,
                        bool add_generation_prompt);

// For a kept KV cache (interactive chat): the text of msgs[n_past..n) only, given that the
// context already holds msgs[0..n_past) -- the model's last answer being msgs[n_past - 1],
// generated up to its end-of-turn token. It is render(all, add_generation_prompt) minus
// render(msgs[0..n_past), false), with llama.cpp's rule (common_chat_format_single): when
// that prefix ends in a newline the model did not generate, the newline is sent again.
// NULL when out of memory, a field is NULL, or the past rendering is not a prefix of the full
// one (then re-render the whole conversation).
char * tern_chat_render_delta(enum tern_chat_format f, const struct tern_chat_message * msgs, size_t n_past, size_t n,
                              bool add_generation_prompt);

// Texts that end an answer when the model writes the next turn's opening instead of its
// end-of-turn token (reverse prompts), NULL-terminated; compare with pieces decoded with
// special = true.
const char * const * tern_chat_stop_texts(enum tern_chat_format f);

// Appends one user turn to a growing prompt in the bitnet format: on the first turn
// "<|begin_of_text|>" (+ "System: S<|eot_id|>" when system is non-empty), then
// "User: U<|eot_id|>Assistant: ". Tokenize with add_special = false. Returns a malloc'd
// string or NULL when out of memory. (Kept for the CLI; tern_chat_render covers it.)
char * tern_chat_turn_bitnet(const char * system, const char * user, bool first);
