// `tern info FILE`: what a model file holds and how tern would run it here.

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "model-opts.h"
#include "tern/codec.h"
#include "tern/tokenizer.h"

int tern_cmd_info(int argc, char ** argv) {
    struct model_opts o = { 0 };
    const char * file = NULL;
    const struct tern_opt opts[] = {
        { TERN_OPT_POSITIONAL, "FILE", NULL, &file, .help = "the model file (or -m FILE)" },
        THREAD_OPTS(&o),
        MODEL_OPTS(&o),
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "info", "tern info FILE [options]\n"
                         "  the architecture, shapes, tensor types, vocabulary, and the kernel variants\n"
                         "  (decode / prefill) each linear layer gets on this CPU", argc, argv, &exit_code)) {
        return exit_code;
    }
    if (file) o.model = file;
    if (!o.model) {
        fprintf(stderr, "tern info: no model given (tern info FILE)\n");
        return 2;
    }
    struct cli_model L;
    o.ctx = 16;       // no real session needed
    if (cli_model_open(&o, "info", &L)) return 1;
    const struct tern_model * m = &L.model;
    const struct tern_hparams * hp = &m->hp;
    printf("file:        %s (GGUF v%u, %.1f MiB, %llu tensors)\n", o.model, m->gguf.version,
           (double) m->gguf.size / 1048576.0, (unsigned long long) m->gguf.n_tensors);
    printf("name:        %s\n", hp->name[0] ? hp->name : "(none)");
    const struct tern_arch * a = hp->arch;
    printf("arch:        %s (%s): embd %u, ff %u, layers %u, heads %u, kv heads %u, head dim %u, vocab %u, context %u\n",
           hp->arch_name, a->family, hp->n_embd, hp->n_ff, hp->n_layer, hp->n_head, hp->n_head_kv, hp->head_dim,
           hp->n_vocab, hp->n_ctx_train);
    printf("block:       %s gate, %s, RoPE %s theta %g, rms eps %g\n", tern_ffn_act_name(a->act),
           a->sub_norms ? "attention and FFN sub-norms" : "no sub-norms", tern_rope_kind_name(a->rope),
           (double) hp->rope_theta, (double) hp->rms_eps);
    // Tensor types, counted.
    size_t counts[64] = { 0 };
    for (uint64_t i = 0; i < m->gguf.n_tensors; i++) {
        if (m->gguf.tensors[i].type < 64) counts[m->gguf.tensors[i].type]++;
    }
    printf("tensors:    ");
    for (int t = 0; t < 64; t++) {
        if (counts[t]) printf(" %s x%zu", tern_ggml_type_name((uint32_t) t), counts[t]);
    }
    printf("\n");
    printf("embedding:   %s%s; output %s (%.1f MiB)\n", tern_dense_type_name(m->tok_embd.type),
           m->tied ? " (tied output)" : "", m->tied && m->lm_head != TERN_LM_HEAD_Q8 ? "= the embedding" : tern_dense_type_name(m->output.type),
           (double) tern_dense_bytes(&m->output) / 1048576.0);
    if (m->vocab) {
        const int32_t * eog;
        const size_t n_eog = tern_vocab_eog(m->vocab, &eog);
        printf("vocabulary:  %zu tokens, %s, BOS %d, EOS %d, %zu end-of-generation token%s\n", tern_vocab_size(m->vocab),
               tern_vocab_kind_name(m->vocab), tern_vocab_bos(m->vocab), tern_vocab_eos(m->vocab), n_eog, n_eog == 1 ? "" : "s");
        printf("pre-tokenizer: %s (%s)\n", tern_vocab_pre(m->vocab), tern_vocab_pre_why(m->vocab));
        printf("chat format: %s (%s)\n", tern_chat_format_name(m->chat), m->chat_why);
    } else {
        printf("vocabulary:  none\n");
    }
    printf("repacked:    %.1f MiB of ternary weights in %.0f ms; kernels chosen by %s for %d thread%s\n",
           (double) m->packed_bytes / 1048576.0, m->load_ms, m->plan_source, L.threads, L.threads == 1 ? "" : "s");
    printf("layers (every block is alike):\n");
    size_t n_specs;
    const struct tern_layer_tensor * spec = tern_layer_tensors(&n_specs);
    for (size_t i = 0; i < n_specs; i++) {
        if (spec[i].role != TERN_TENSOR_LINEAR) continue;
        const struct tern_linear_pair * p = (const void *) ((const uint8_t *) &m->layers[0] + spec[i].offset);
        printf("  %-12s %5zu x %-5zu %-5s decode %s\n  %-12s %13s %-5s prefill %s\n", spec[i].name, p->decode.k,
               p->decode.n, tern_codec_get(p->src_type)->name, p->decode.v->name, "", "", "", p->prefill.v->name);
    }
    cli_model_close(&L);
    return 0;
}
