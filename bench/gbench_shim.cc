// The C shim over Google Benchmark (see gbench_shim.h).

#include "gbench_shim.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

// gb_state and gb_bench are never defined: the C side holds them only as opaque pointers.
struct gb_result {
    const benchmark::BenchmarkReporter::Run * run;
    std::string name;
};

static benchmark::State & S(gb_state * st) { return *reinterpret_cast<benchmark::State *>(st); }
static gb_state * C(benchmark::State & s) { return reinterpret_cast<gb_state *>(&s); }
static benchmark::internal::Benchmark * B(gb_bench * b) { return reinterpret_cast<benchmark::internal::Benchmark *>(b); }

extern "C" {

gb_bench * gb_register(const char * name, gb_fn * fn, void * ctx) {
    auto * b = benchmark::RegisterBenchmark(name, [fn, ctx](benchmark::State & s) { fn(C(s), ctx); });
    return reinterpret_cast<gb_bench *>(b);
}

void gb_bench_use_real_time(gb_bench * b) { B(b)->UseRealTime(); }
void gb_bench_unit_us(gb_bench * b) { B(b)->Unit(benchmark::kMicrosecond); }

bool gb_keep_running(gb_state * st) { return S(st).KeepRunning(); }

void gb_counter_set(gb_state * st, const char * name, double value, int flags) {
    benchmark::Counter::Flags f = benchmark::Counter::kDefaults;
    if (flags == GB_COUNTER_RATE) f = benchmark::Counter::kIsRate;
    if (flags == GB_COUNTER_ITERATION_INVARIANT_RATE) f = benchmark::Counter::kIsIterationInvariantRate;
    S(st).counters[name] = benchmark::Counter(value, f);
}

void gb_skip(gb_state * st, const char * why) { S(st).SkipWithError(why); }
void gb_do_not_optimize(const void * p) { benchmark::DoNotOptimize(p); }
void gb_clobber_memory(void) { benchmark::ClobberMemory(); }
void gb_add_context(const char * key, const char * value) { benchmark::AddCustomContext(key, value); }

const char * gb_result_name(const gb_result * r) { return r->name.c_str(); }
double gb_result_real_ns(const gb_result * r) {
    return r->run->iterations ? r->run->real_accumulated_time * 1e9 / static_cast<double>(r->run->iterations) : 0.0;
}
double gb_result_counter(const gb_result * r, const char * name) {
    auto it = r->run->counters.find(name);
    return it == r->run->counters.end() ? NAN : static_cast<double>(it->second.value);
}
bool gb_result_skipped(const gb_result * r) { return r->run->error_occurred; }

}  // extern "C"

namespace {

// Forwards to the reporter the user asked for and hands each plain run to the C collector.
class Collector : public benchmark::BenchmarkReporter {
  public:
    Collector(std::unique_ptr<benchmark::BenchmarkReporter> inner, gb_collect_fn * fn, void * user)
        : inner_(std::move(inner)), fn_(fn), user_(user) {}
    bool ReportContext(const Context & c) override { return inner_->ReportContext(c); }
    void ReportRuns(const std::vector<Run> & runs) override {
        inner_->ReportRuns(runs);
        for (const Run & r : runs) {
            if (fn_ && r.run_type == Run::RT_Iteration) {
                gb_result res{&r, r.run_name.str()};
                fn_(&res, user_);
            }
        }
    }
    void Finalize() override { inner_->Finalize(); }

  private:
    std::unique_ptr<benchmark::BenchmarkReporter> inner_;
    gb_collect_fn * fn_;
    void * user_;
};

}  // namespace

extern "C" int gb_run(int * argc, char ** argv, gb_collect_fn * collect, void * user) {
    std::string format = "console";
    for (int i = 1; i < *argc; i++) {
        if (std::strncmp(argv[i], "--benchmark_format=", 19) == 0) format = argv[i] + 19;
    }
    benchmark::Initialize(argc, argv);
    if (benchmark::ReportUnrecognizedArguments(*argc, argv)) return 2;
    std::unique_ptr<benchmark::BenchmarkReporter> inner;
    if (format == "json") {
        inner.reset(new benchmark::JSONReporter);
    } else {
        inner.reset(new benchmark::ConsoleReporter);
    }
    Collector reporter(std::move(inner), collect, user);
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
