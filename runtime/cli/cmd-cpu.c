// `tern cpu`: what the kernels may use on this machine.

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "tern/cpu.h"
#include "tern/kernels.h"
#include "tern/topology.h"

int tern_cmd_cpu(int argc, char ** argv) {
    const struct tern_opt opts[] = { { .kind = TERN_OPT_END } };
    int exit_code;
    if (!tern_opts_parse(opts, "cpu", "tern cpu\n  the detected CPU features, the ISAs kernels may use, and the topology",
                         argc, argv, &exit_code)) {
        return exit_code;
    }
    const struct tern_cpu * cpu = tern_cpu_get();
    struct tern_topology topo;
    tern_topology_get(&topo);
    char names[512];
    printf("cpu:        %s\n", cpu->brand[0] ? cpu->brand : "(unknown)");
    tern_cpu_feature_names(cpu->features, names, sizeof(names));
    printf("features:   %s\n", names);
    if (cpu->cap[0]) {
        tern_cpu_feature_names(cpu->usable, names, sizeof(names));
        printf("TERN_ISA:   %s -> usable: %s\n", cpu->cap, names);
    }
    printf("isas:      ");
    for (int i = 0; i < TERN_ISA_COUNT; i++) {
        if ((tern_isa_features((enum tern_isa) i) & ~cpu->usable) == 0) {
            printf(" %s", tern_isa_name((enum tern_isa) i));
        }
    }
    printf("\ntopology:   %d package(s), %d NUMA node(s), %d core(s), %d PU(s), %d allowed [%s]\n",
           topo.packages, topo.numa_nodes, topo.cores, topo.pus, topo.allowed_pus, topo.source);
    printf("caches:     L1d %zu KiB, L2 %zu KiB, L3 %zu KiB (per instance)\n",
           topo.l1d >> 10, topo.l2 >> 10, topo.l3 >> 10);
    return 0;
}
