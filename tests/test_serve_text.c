// The server's pure parts: the JSON string writer (checked by parsing its output with
// cJSON, an independent implementation), the stop-string and UTF-8 hold-back of streamed
// text (hand-made token pieces), and the request parser (a table of bodies).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "request.h"
#include "sbuf.h"
#include "textout.h"

// ---------------------------------------------------------------------------- JSON strings

// s written by sbuf_json and read back by cJSON.
static char * round_trip(const char * s, size_t n) {
    struct sbuf b = { 0 };
    sbuf_json(&b, s, n);
    cJSON * v = cJSON_ParseWithLength(b.p, b.n);
    char * out = v && cJSON_IsString(v) ? strdup(v->valuestring) : NULL;
    cJSON_Delete(v);
    sbuf_free(&b);
    return out;
}

static void test_json(void) {
    static const char * const valid[] = {
        "", "plain", "quote \" and \\ backslash", "controls \n\r\t\b\f \x01\x1f end", "\x7f del",
        "two \xc3\xa9, three \xe2\x82\xac, four \xf0\x9f\x98\x80", "</script> stays",
    };
    for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
        char * back = round_trip(valid[i], strlen(valid[i]));
        CHECK(back && strcmp(back, valid[i]) == 0, "valid string %zu survives JSON: got %s", i, back ? back : "(unparsed)");
        free(back);
    }
    // Bytes that are not UTF-8 become U+FFFD, one per byte that starts no valid sequence.
    static const struct { const char * in, * want; } bad[] = {
        { "a\xff" "b", "a\xef\xbf\xbd" "b" },
        { "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },                    // overlong '/'
        { "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },    // a surrogate
        { "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },   // above U+10FFFF
        { "cut \xe2\x82", "cut \xef\xbf\xbd\xef\xbf\xbd" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char * back = round_trip(bad[i].in, strlen(bad[i].in));
        CHECK(back && strcmp(back, bad[i].want) == 0, "invalid UTF-8 %zu replaced", i);
        free(back);
    }
    // An embedded NUL is escaped, not a terminator.
    struct sbuf b = { 0 };
    sbuf_json(&b, "a\0b", 3);
    CHECK(b.p && strcmp(b.p, "\"a\\u0000b\"") == 0, "NUL escaped: %s", b.p);
    sbuf_free(&b);
}

// ---------------------------------------------------------------------------- stop strings

// Pushes pieces (NULL-terminated) through a textout with the given stops; returns what came
// out, the step after which each piece's output was visible in outs[i].
static char * run_pieces(const char * const * pieces, char * const * stops, size_t n_stop, bool flush, bool * stopped,
                         char outs[][64]) {
    struct textout t;
    textout_init(&t, stops, n_stop);
    struct sbuf out = { 0 };
    *stopped = false;
    for (size_t i = 0; pieces[i]; i++) {
        *stopped = textout_push(&t, pieces[i], strlen(pieces[i]), &out);
        if (outs) snprintf(outs[i], 64, "%s", out.p ? out.p : "");
    }
    if (flush) textout_flush(&t, &out);
    textout_free(&t);
    char * s = strdup(out.p ? out.p : "");
    sbuf_free(&out);
    return s;
}

static void test_stops(void) {
    char * stop_ow[] = { "o w" };
    bool stopped;
    char outs[8][64];
    const char * const p1[] = { "Hel", "lo wo", "rld", NULL };
    char * got = run_pieces(p1, stop_ow, 1, true, &stopped, outs);
    CHECK(strcmp(got, "Hell") == 0 && stopped, "a stop inside a piece: '%s'", got);
    free(got);
    // Held back while it could still become the stop string, released when it cannot.
    char * stop_word[] = { "STOP" };
    const char * const p2[] = { "ab", "ST", "O", "x", "y", NULL };
    got = run_pieces(p2, stop_word, 1, true, &stopped, outs);
    CHECK(strcmp(outs[0], "ab") == 0 && strcmp(outs[1], "ab") == 0 && strcmp(outs[2], "ab") == 0 &&
          strcmp(outs[3], "abSTOx") == 0 && strcmp(got, "abSTOxy") == 0 && !stopped, "partial stop held: %s %s %s %s -> %s",
          outs[0], outs[1], outs[2], outs[3], got);
    free(got);
    // Across pieces; the earliest of several stops wins; the stop is not shown.
    char * two[] = { "cd", "bc" };
    const char * const p3[] = { "a", "b", "cde", NULL };
    got = run_pieces(p3, two, 2, true, &stopped, NULL);
    CHECK(strcmp(got, "a") == 0 && stopped, "earliest stop: '%s'", got);
    free(got);
    const char * const p4[] = { "STOP now", NULL };
    got = run_pieces(p4, stop_word, 1, true, &stopped, NULL);
    CHECK(strcmp(got, "") == 0 && stopped, "stop at the start: '%s'", got);
    free(got);
    // The end releases a held prefix.
    const char * const p5[] = { "xx", "STO", NULL };
    got = run_pieces(p5, stop_word, 1, false, &stopped, outs);
    CHECK(strcmp(got, "xx") == 0, "held before the end: '%s'", got);
    free(got);
    got = run_pieces(p5, stop_word, 1, true, &stopped, outs);
    CHECK(strcmp(got, "xxSTO") == 0 && !stopped, "released at the end: '%s'", got);
    free(got);
    // UTF-8: a character split over tokens comes out whole.
    const char * const p6[] = { "\xe2", "\x82", "\xac!", NULL };
    got = run_pieces(p6, NULL, 0, true, &stopped, outs);
    CHECK(strcmp(outs[0], "") == 0 && strcmp(outs[1], "") == 0 && strcmp(got, "\xe2\x82\xac!") == 0, "UTF-8 held");
    free(got);
    // A stop string made of a multi-byte character, split over tokens.
    char * euro[] = { "\xe2\x82\xac" };
    got = run_pieces(p6, euro, 1, true, &stopped, NULL);
    CHECK(strcmp(got, "") == 0 && stopped, "multi-byte stop: '%s'", got);
    free(got);
    // A long token (more than the writer's small buffer) passes whole.
    char big[1000];
    memset(big, 'z', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    const char * const p7[] = { big, NULL };
    got = run_pieces(p7, stop_word, 1, true, &stopped, NULL);
    CHECK(strcmp(got, big) == 0, "long piece");
    free(got);
}

// ---------------------------------------------------------------------------- requests

static void test_requests(void) {
    const struct tern_sampler_params d = tern_sampler_defaults();
    struct serve_params p;
    char err[300];
    const char * full = "{\"messages\":[{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                        "\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}],\"temperature\":0.5,\"top_k\":7,\"top_p\":0.9,"
                        "\"min_p\":0.1,\"seed\":42,\"max_completion_tokens\":9,\"stop\":[\"x\",\"\",\"yy\"],\"stream\":true,"
                        "\"stream_options\":{\"include_usage\":true},\"presence_penalty\":0.5,\"cache_prompt\":false}";
    CHECK(serve_params_parse(full, strlen(full), SERVE_CHAT, &d, &p, err, sizeof(err)) == 0, "full request: %s", err);
    CHECK(p.n_msgs == 2 && !strcmp(p.msgs[1].content, "a\nb") && !strcmp(p.msgs[0].role, "system"), "messages");
    CHECK(p.sp.temp == 0.5f && p.sp.top_k == 7 && p.sp.top_p == 0.9f && p.sp.min_p == 0.1f && p.sp.seed == 42 &&
          p.sp.presence_penalty == 0.5f && p.max_tokens == 9, "numbers");
    CHECK(p.n_stop == 2 && !strcmp(p.stop[0], "x") && !strcmp(p.stop[1], "yy"), "stops (empty ignored)");
    CHECK(p.stream && p.include_usage && !p.cache_prompt, "flags");
    serve_params_free(&p);

    const char * nulls = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":null,\"seed\":-1,\"stop\":null}";
    CHECK(serve_params_parse(nulls, strlen(nulls), SERVE_CHAT, &d, &p, err, sizeof(err)) == 0 && p.sp.temp == d.temp &&
          p.sp.seed == TERN_SEED_RANDOM && p.max_tokens == -1 && p.n_stop == 0 && p.cache_prompt, "nulls are defaults");
    serve_params_free(&p);

    static const struct { enum serve_kind kind; const char * body, * want; } refused[] = {
        { SERVE_CHAT, "", "not valid JSON" },
        { SERVE_CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} {}", "trailing" },
        { SERVE_CHAT, "[]", "JSON object" },
        { SERVE_CHAT, "{\"messages\":{}}", "non-empty array" },
        { SERVE_CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"top_k\":1.5}", "'top_k' must be an integer" },
        { SERVE_CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":3}", "not supported" },
        { SERVE_CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}", "not supported" },
        { SERVE_CHAT, "{\"messages\":[{\"role\":\"assistant\",\"content\":\"x\",\"tool_calls\":[{}]}]}", "tool_calls" },
        { SERVE_COMPLETION, "{\"prompt\":[[1,2],[3]]}", "several prompts" },
        { SERVE_COMPLETION, "{\"prompt\":[1,2.5]}", "token array" },
        { SERVE_COMPLETION, "{\"prompt\":\"x\",\"stop\":[1]}", "'stop' must be" },
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        const int rc = serve_params_parse(refused[i].body, strlen(refused[i].body), refused[i].kind, &d, &p, err, sizeof(err));
        CHECK(rc == -1 && strstr(err, refused[i].want) && !strchr(err, '\n'), "refused %zu: %s", i, err);
    }
    const char * tokens = "{\"prompt\":[[5,6,7]],\"max_tokens\":0}";
    CHECK(serve_params_parse(tokens, strlen(tokens), SERVE_COMPLETION, &d, &p, err, sizeof(err)) == 0 &&
          p.n_prompt_tokens == 3 && p.prompt_tokens[2] == 7 && p.max_tokens == 0 && !p.prompt, "token prompt");
    serve_params_free(&p);
}

int main(void) {
    test_json();
    test_stops();
    test_requests();
    return check_summary("test_serve_text");
}
