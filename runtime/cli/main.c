// tern: the command-line entry point; dispatches to one subcommand per file.

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tern/log.h"

static const struct {
    const char * name;
    int (*run)(int argc, char ** argv);
    const char * help;
} commands[] = {
    { "kernels", tern_cmd_kernels, "list the kernel variants and whether this CPU can run them" },
    { "cpu",     tern_cmd_cpu,     "print the detected CPU features and topology" },
    { "run",      tern_cmd_run,      "generate text from a prompt (streamed), then timings" },
    { "chat",     tern_cmd_chat,     "interactive conversation (2B4T chat template, KV cache kept)" },
    { "info",     tern_cmd_info,     "a model's shapes, tensor types, vocabulary and chosen kernels" },
    { "logits",   tern_cmd_logits,   "write float32 logits for every position of a token sequence" },
    { "perplexity", tern_cmd_perplexity, "a text's perplexity, computed and printed as llama-perplexity does" },
    { "tokenize", tern_cmd_tokenize, "text -> token ids with a model's tokenizer" },
    { "gen-model", tern_cmd_gen_model, "write a random-weight I2_S GGUF of a preset's shapes (tests, benchmarks)" },
    { "convert",  tern_cmd_convert,  "a Hugging Face checkpoint folder as a GGUF file (tern run -m DIR reads folders directly)" },
#if defined(TERN_HAVE_SERVE)     // -DTERN_SERVE=OFF (the aarch64 cross build) leaves the server out
    { "serve",   tern_cmd_serve,   "an OpenAI-compatible HTTP server that batches concurrent requests" },
#endif
    { "tune",    tern_cmd_tune,    "autotune the kernels for this CPU and store the profile" },
    { "bench",   tern_cmd_bench,   "kernels: kernel benchmarks; e2e: pp/tg tokens/s like llama-bench; compare: two JSON runs" },
};

static void usage(FILE * out) {
    fprintf(out, "usage: tern <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].help);
    }
    fprintf(out, "\nenvironment:\n  TERN_ISA=<isa>  cap the ISA kernels may use (e.g. avx2 on an AVX-512 host)\n");
}

// The library's messages (tern/log.h) on stderr, one line each; debug chatter stays quiet.
static void print_log(enum tern_log_level level, const char * msg, void * user) {
    (void) user;
    static const char * const prefix[] = { [TERN_LOG_ERROR] = "error: ", [TERN_LOG_WARN] = "warning: ",
                                           [TERN_LOG_INFO] = "", [TERN_LOG_DEBUG] = "" };
    if (level != TERN_LOG_DEBUG) fprintf(stderr, "tern: %s%s\n", prefix[level], msg);
}

int main(int argc, char ** argv) {
    tern_log_set(print_log, NULL);
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("tern %s\n", TERN_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "tern: unknown command '%s' (try 'tern --help')\n", argv[1]);
    return 2;
}
