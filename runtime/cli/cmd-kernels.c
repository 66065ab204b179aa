// `tern kernels`: the registry as a table (name, format, ISA, tile, runnable or why not).

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "tern/kernels.h"

int tern_cmd_kernels(int argc, char ** argv) {
    bool all = false;
    const struct tern_opt opts[] = {
        { TERN_OPT_FLAG, "--all", NULL, &all, .help = "also list the variants this CPU cannot run, and why" },
        { .kind = TERN_OPT_END },
    };
    int exit_code;
    if (!tern_opts_parse(opts, "kernels", "tern kernels [--all]\n  the kernel variants and whether this CPU runs them",
                         argc, argv, &exit_code)) {
        return exit_code;
    }
    const struct tern_cpu * cpu = tern_cpu_get();
    size_t count, runnable = 0;
    const struct tern_variant * v = tern_registry_variants(&count);
    printf("%-48s %-5s %-11s %4s %4s %5s  %s\n", "variant", "wfmt", "isa", "MR", "NR", "KB", "status");
    char why[256];
    for (size_t i = 0; i < count; i++) {
        const bool ok = tern_variant_runnable(&v[i], cpu, why, sizeof(why));
        runnable += ok;
        if (ok || all) {
            printf("%-48s %-5s %-11s %4u %4u %5u  %s\n", v[i].name, tern_wfmt_name(v[i].wfmt), tern_isa_name(v[i].isa),
                   v[i].mr, v[i].nr, v[i].kb, ok ? "runnable" : why);
        }
    }
    printf("%zu of %zu variants in this binary run on this CPU%s (registry %s)\n", runnable, count,
           all ? "" : "; --all lists the others", tern_registry_hash());
    return 0;
}
