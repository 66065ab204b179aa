// Groups of linears over one input (see tern/linear_group.h).

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "tern/linear_group.h"
#include "tern/pool.h"

int tern_group_acts_init(struct tern_group_acts * G, size_t m_max, size_t row_max, int threads) {
    memset(G, 0, sizeof(*G));
    G->threads = threads > 0 ? threads : 1;
    G->per_thread = calloc((size_t) G->threads * TERN_GROUP_MAX, sizeof(struct tern_acts));
    if (!G->per_thread) return -1;
    for (int i = 0; i < TERN_GROUP_MAX; i++) {
        if (tern_acts_init(&G->shared[i], m_max, row_max)) goto fail;
    }
    for (int i = 0; i < G->threads * TERN_GROUP_MAX; i++) {
        if (tern_acts_init(&G->per_thread[i], 1, row_max)) goto fail;
    }
    return 0;
fail:
    tern_group_acts_free(G);
    return -1;
}

void tern_group_acts_free(struct tern_group_acts * G) {
    for (int i = 0; i < TERN_GROUP_MAX; i++) {
        if (G->shared[i].a) tern_acts_free(&G->shared[i]);
    }
    for (int i = 0; G->per_thread && i < G->threads * TERN_GROUP_MAX; i++) {
        if (G->per_thread[i].a) tern_acts_free(&G->per_thread[i]);
    }
    free(G->per_thread);
    memset(G, 0, sizeof(*G));
}

struct group_job {
    const struct tern_linear_out * outs;
    size_t count, m;
    const float * x;
    struct tern_group_acts * G;
    struct tern_pool * pool;
    int prep_of[TERN_GROUP_MAX];     // which distinct prep each output reads
    int n_preps;
    const struct tern_linear * prep_L[TERN_GROUP_MAX];   // a linear of each distinct prep
    // decode: the group's panels as one byte range
    size_t start[TERN_GROUP_MAX + 1];   // byte offset of each output's first panel; start[count] = total
    // prefill: (output, channel chunk, token block) tiles
    struct tern_split split[TERN_GROUP_MAX];
    size_t first_chunk[TERN_GROUP_MAX + 1];
};

static void prep_tokens(const struct tern_linear * L, size_t t0, size_t t1, const float * x, struct tern_acts * A) {
    assert(L->prep_bytes <= A->row_max && t1 <= A->m_max);
    for (size_t t = t0; t < t1; t++) {
        L->v->prep(L->k, L->kc, x + t * L->k, (int8_t *) A->a + t * A->stride, &A->sum[t], &A->amax[t]);
    }
}

// Panels [p0, p1) of output i, tokens [m0, m1) (acts A hold those tokens from row 0).
static void run_tile(const struct group_job * job, size_t i, const struct tern_acts * A, size_t m0, size_t m1,
                     size_t p0, size_t p1) {
    const struct tern_linear * L = job->outs[i].L;
    const size_t nr = L->v->nr, n0 = p0 * nr, n1 = p1 * nr < L->n ? p1 * nr : L->n;
    if (n0 >= n1) return;
    tern_linear_gemm(L, A, m1 - m0, job->outs[i].y + m0 * L->n, L->n, n0, n1);
}

static size_t panels(const struct tern_linear * L) {
    return (L->n + L->v->nr - 1) / L->v->nr;
}

// One token: each thread quantizes it itself, then streams its byte slice of the group.
static void decode_task(void * ctx, int tid, int nth) {
    const struct group_job * job = ctx;
    struct tern_acts * mine = &job->G->per_thread[(size_t) tid * TERN_GROUP_MAX];
    for (int p = 0; p < job->n_preps; p++) prep_tokens(job->prep_L[p], 0, 1, job->x, &mine[p]);
    const size_t total = job->start[job->count];
    const size_t lo = total * (size_t) tid / (size_t) nth, hi = total * (size_t) (tid + 1) / (size_t) nth;
    for (size_t i = 0; i < job->count; i++) {
        const size_t pb = job->outs[i].L->panel_bytes, s = job->start[i], np = panels(job->outs[i].L);
        // Panel j belongs to the thread whose byte range holds its first byte.
        const size_t p0 = lo <= s ? 0 : (lo - s + pb - 1) / pb, p1 = hi <= s ? 0 : (hi - s + pb - 1) / pb;
        run_tile(job, i, &mine[job->prep_of[i]], 0, 1, p0 < np ? p0 : np, p1 < np ? p1 : np);
    }
}

// Many tokens: a share of the tokens quantized by each thread, one barrier, dynamic tiles.
static void prefill_task(void * ctx, int tid, int nth) {
    const struct group_job * job = ctx;
    const size_t t0 = job->m * (size_t) tid / (size_t) nth, t1 = job->m * (size_t) (tid + 1) / (size_t) nth;
    for (int p = 0; p < job->n_preps; p++) prep_tokens(job->prep_L[p], t0, t1, job->x, &job->G->shared[p]);
    if (job->pool) tern_pool_barrier(job->pool);
    const size_t chunks = job->first_chunk[job->count];
    size_t next = 0;      // the chunk counter when there is no pool
    for (size_t c; (c = job->pool ? tern_pool_next_chunk(job->pool) : next++) < chunks;) {
        size_t i = 0;
        while (c >= job->first_chunk[i + 1]) i++;
        const size_t local = c - job->first_chunk[i], nr = job->outs[i].L->v->nr;
        const struct tern_split * sp = &job->split[i];
        const size_t p0 = local % sp->chunks_n * (sp->chunk_n / nr), p1 = p0 + sp->chunk_n / nr;
        const size_t m0 = local / sp->chunks_n * sp->chunk_m;
        const size_t m1 = m0 + sp->chunk_m < job->m ? m0 + sp->chunk_m : job->m;
        const struct tern_acts * A = &job->G->shared[job->prep_of[i]];
        struct tern_acts part = *A;
        part.a = (int8_t *) A->a + m0 * A->stride;
        part.sum = A->sum + m0;
        part.amax = A->amax + m0;
        const size_t np = panels(job->outs[i].L);
        run_tile(job, i, &part, m0, m1, p0, p1 < np ? p1 : np);
    }
}

void tern_linear_group_mt(const struct tern_linear_out * outs, size_t count, struct tern_pool * pool, int nth, size_t m,
                          const float * x, struct tern_group_acts * G) {
    assert(count >= 1 && count <= TERN_GROUP_MAX);
    struct group_job job = { .outs = outs, .count = count, .m = m, .x = x, .G = G };
    // Outputs whose prep kernel and padded k agree read one quantization of x.
    for (size_t i = 0; i < count; i++) {
        const struct tern_linear * L = outs[i].L;
        assert(L->k == outs[0].L->k);
        int p = 0;
        while (p < job.n_preps && !(job.prep_L[p]->v->prep == L->v->prep && job.prep_L[p]->kc == L->kc)) p++;
        if (p == job.n_preps) job.prep_L[job.n_preps++] = L;
        job.prep_of[i] = p;
    }
    const int threads = tern_pool_threads(pool, nth);
    if (m == 1) {
        for (size_t i = 0; i < count; i++) job.start[i + 1] = job.start[i] + panels(outs[i].L) * outs[i].L->panel_bytes;
        if (threads <= 1) decode_task(&job, 0, 1);
        else tern_pool_run(pool, threads, decode_task, &job);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        job.split[i] = tern_linear_split(outs[i].L, m, threads);
        job.first_chunk[i + 1] = job.first_chunk[i] + job.split[i].chunks;
    }
    if (threads <= 1) {
        prefill_task(&job, 0, 1);
        return;
    }
    job.pool = pool;
    tern_pool_run(pool, threads, prefill_task, &job);
}
