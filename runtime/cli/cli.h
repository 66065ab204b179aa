// Subcommands of the `tern` executable. Each returns the process exit status.
#pragma once

int tern_cmd_kernels(int argc, char ** argv);
int tern_cmd_cpu(int argc, char ** argv);
int tern_cmd_tune(int argc, char ** argv);
int tern_cmd_bench(int argc, char ** argv);
