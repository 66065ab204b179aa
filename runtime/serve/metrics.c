// GET /metrics: Prometheus text with llama-server's counter names (serving.md §1.1), and a
// few of tern's own for what llama-server does not count.

#include "serve.h"

static const struct metric {
    const char * name, * type, * help;
} metrics[] = {
    { "llamacpp:prompt_tokens_total",          "counter", "Number of prompt tokens processed." },
    { "llamacpp:prompt_seconds_total",         "counter", "Prompt process time" },
    { "llamacpp:tokens_predicted_total",       "counter", "Number of generation tokens processed." },
    { "llamacpp:tokens_predicted_seconds_total", "counter", "Predict process time" },
    { "llamacpp:n_decode_total",               "counter", "Total number of llama_decode() calls" },
    { "llamacpp:n_tokens_max",                 "counter", "Largest observed n_tokens." },
    { "llamacpp:n_busy_slots_per_decode",      "counter", "Average number of busy slots per llama_decode() call" },
    { "llamacpp:prompt_tokens_seconds",        "gauge",   "Average prompt throughput in tokens/s." },
    { "llamacpp:predicted_tokens_seconds",     "gauge",   "Average generation throughput in tokens/s." },
    { "llamacpp:requests_processing",          "gauge",   "Number of requests processing." },
    { "llamacpp:requests_deferred",            "gauge",   "Number of requests deferred." },
    { "tern:requests_finished_total",          "counter", "Completion requests answered in full." },
    { "tern:requests_cancelled_total",         "counter", "Completion requests whose client left before the end." },
    { "tern:requests_failed_total",            "counter", "Completion requests that ended with an error after their headers." },
    { "tern:requests_rejected_total",          "counter", "Completion requests refused with 503 because the queue was full." },
    { "tern:requests_invalid_total",           "counter", "Requests refused with a 4xx error." },
};

void serve_metrics_text(struct serve * S, struct sbuf * out) {
    pthread_mutex_lock(&S->mu);
    const struct serve_metrics m = S->metrics;
    const int busy = S->n_busy, queued = S->n_queued;
    pthread_mutex_unlock(&S->mu);
    const double values[] = {
        (double) m.prompt_tokens, m.prompt_seconds, (double) m.predicted_tokens, m.predicted_seconds,
        (double) m.n_decode, (double) m.n_tokens_max, m.n_decode ? (double) m.n_busy_slots / (double) m.n_decode : 0.0,
        m.prompt_seconds > 0 ? (double) m.prompt_tokens / m.prompt_seconds : 0.0,
        m.predicted_seconds > 0 ? (double) m.predicted_tokens / m.predicted_seconds : 0.0,
        busy, queued, (double) m.requests_ok, (double) m.requests_cancelled, (double) m.requests_failed,
        (double) m.requests_rejected, (double) m.requests_invalid,
    };
    _Static_assert(sizeof(values) / sizeof(values[0]) == sizeof(metrics) / sizeof(metrics[0]), "one value per metric");
    for (size_t i = 0; i < sizeof(metrics) / sizeof(metrics[0]); i++) {
        sbuf_printf(out, "# HELP %s %s\n# TYPE %s %s\n%s %.17g\n", metrics[i].name, metrics[i].help, metrics[i].name,
                    metrics[i].type, metrics[i].name, values[i]);
    }
}
