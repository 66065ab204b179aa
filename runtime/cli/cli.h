// Subcommands of the `tern` executable. Each returns the process exit status.
#pragma once

int tern_cmd_kernels(int argc, char ** argv);
int tern_cmd_cpu(int argc, char ** argv);
int tern_cmd_tune(int argc, char ** argv);
int tern_cmd_bench(int argc, char ** argv);
int tern_cmd_run(int argc, char ** argv);
int tern_cmd_chat(int argc, char ** argv);
int tern_cmd_info(int argc, char ** argv);
int tern_cmd_logits(int argc, char ** argv);
int tern_cmd_perplexity(int argc, char ** argv);
int tern_cmd_tokenize(int argc, char ** argv);
int tern_cmd_gen_model(int argc, char ** argv);
int tern_cmd_convert(int argc, char ** argv);
int tern_cmd_serve(int argc, char ** argv);
int tern_cmd_bench_e2e(int argc, char ** argv);      // `tern bench e2e`
