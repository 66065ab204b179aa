// libFuzzer target for the JSON files of a Hugging Face folder: the first byte picks the
// reader (config.json, tokenizer_config.json, generation_config.json,
// model.safetensors.index.json), the rest is the file. Any input must parse or fail with a
// one-line message; what parses must satisfy the promises of tern/hf_config.h.
// Seeds in tests/corpus/hf_config (real-shaped files of 2B4T, 1bitLLM, Falcon3).

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tern/hf_config.h"
#include "tern/safetensors.h"

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size);

static void check_err(int rc, const char * err) {
    if (rc != 0 && (err[0] == '\0' || strchr(err, '\n'))) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t * data, size_t size) {
    if (size < 1) return 0;
    const char * text = (const char *) data + 1;
    const size_t len = size - 1;
    char err[512] = "";
    switch (data[0] % 4) {
    case 0: {
        struct tern_hf_config c;
        const int rc = tern_hf_config_parse(&c, text, len, "config.json", err, sizeof(err));
        check_err(rc, err);
        if (rc == 0) {
            if (!c.hidden_size || !c.num_hidden_layers || !c.num_attention_heads || !c.num_key_value_heads ||
                c.num_attention_heads % c.num_key_value_heads || !c.head_dim || !c.vocab_size || !c.intermediate_size) {
                abort();
            }
            if (!c.has_head_dim && c.head_dim * c.num_attention_heads != c.hidden_size) abort();
            if (c.n_eos > TERN_HF_MAX_EOS || c.quant.n_modules_to_not_convert > TERN_HF_MAX_MODULES) abort();
            for (uint32_t i = 0; i < c.n_eos; i++) {
                if (c.eos_token_id[i] < 0 || (uint32_t) c.eos_token_id[i] >= c.vocab_size) abort();
            }
            if (c.has_bos_token_id && (c.bos_token_id < 0 || (uint32_t) c.bos_token_id >= c.vocab_size)) abort();
            if (memchr(c.architecture, '\n', sizeof(c.architecture)) || memchr(c.model_type, '\n', sizeof(c.model_type))) abort();
            if (c.has_rms_norm_eps && !(c.rms_norm_eps > 0 && c.rms_norm_eps <= 1)) abort();
            if (c.has_rope_theta && !(c.rope_theta > 0)) abort();
        }
        break;
    }
    case 1: {
        struct tern_hf_tokenizer_config t;
        const int rc = tern_hf_tokenizer_config_parse(&t, text, len, "tokenizer_config.json", err, sizeof(err));
        check_err(rc, err);
        if (rc == 0) {
            volatile size_t n = (t.chat_template ? strlen(t.chat_template) : 0) + (t.bos_token ? strlen(t.bos_token) : 0) +
                                (t.eos_token ? strlen(t.eos_token) : 0);
            (void) n;
            tern_hf_tokenizer_config_free(&t);
        }
        break;
    }
    case 2: {
        struct tern_hf_generation_config g;
        const int rc = tern_hf_generation_config_parse(&g, text, len, "generation_config.json", err, sizeof(err));
        check_err(rc, err);
        if (rc == 0 && g.n_eos > TERN_HF_MAX_EOS) abort();
        break;
    }
    default: {
        struct tern_st_index idx;
        const int rc = tern_st_index_parse(&idx, text, len, "model.safetensors.index.json", err, sizeof(err));
        check_err(rc, err);
        if (rc == 0) {
            for (size_t i = 0; i < idx.n; i++) {
                if (strchr(idx.file[i], '/') || (i && strcmp(idx.tensor[i - 1], idx.tensor[i]) >= 0)) abort();
            }
            tern_st_index_free(&idx);
        }
        break;
    }
    }
    return 0;
}
