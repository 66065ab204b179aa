// tern serve's wire format against OpenAI's and llama-server's shapes (serving.md §1.3-1.8),
// every route and every error class, on loopback servers this test starts and stops.
"use strict";
const net = require("node:net");
const L = require("./lib.cjs");
const { check, post, request, stream, payloads, deltaText, sleep } = L;

const chat = (content, extra = {}) => ({ messages: [{ role: "user", content }], ...extra });
const isError = (r, status, type) => r.status === status && r.json && r.json.error && r.json.error.code === status &&
  typeof r.json.error.message === "string" && r.json.error.message.length > 0 && (!type || r.json.error.type === type) &&
  /application\/json/.test(r.headers["content-type"]);

async function shapes(port, model) {
  let r = await request(port, { path: "/health" });
  check("health", r.status === 200 && r.json && r.json.status === "ok", r.body);
  r = await request(port, { path: "/v1/health" });
  check("v1 health", r.status === 200, r.status);
  for (const p of ["/v1/models", "/models"]) {
    r = await request(port, { path: p });
    const d = r.json && r.json.data && r.json.data[0];
    check(`${p} shape`, r.status === 200 && r.json.object === "list" && d && d.id === "test-model" && d.object === "model" &&
          typeof d.created === "number" && typeof d.owned_by === "string" && d.meta.n_ctx === 512 && d.meta.n_vocab === 512, r.body);
  }
  r = await request(port, { path: "/" });
  check("chat page", r.status === 200 && /text\/html/.test(r.headers["content-type"]) && r.body.includes("/v1/chat/completions"),
        r.status);
  r = await request(port, { method: "HEAD", path: "/health" });
  check("HEAD health", r.status === 200 && r.body === "", r.status);

  // Non-streamed chat: OpenAI's shape, usage counted from the template as documented.
  const req = chat("Hello there", { max_tokens: 24, temperature: 0.9, seed: 7 });
  r = await post(port, "/v1/chat/completions", req);
  const c = r.json && r.json.choices && r.json.choices[0];
  check("chat shape", r.status === 200 && r.json.object === "chat.completion" && /^chatcmpl-[A-Za-z0-9]{32}$/.test(r.json.id) &&
        r.json.model === "test-model" && typeof r.json.created === "number" && typeof r.json.system_fingerprint === "string" &&
        r.json.choices.length === 1 && c.index === 0 && c.message.role === "assistant" && typeof c.message.content === "string" &&
        ["stop", "length"].includes(c.finish_reason), r.body);
  const tok = await post(port, "/tokenize", { content: L.bitnetPrompt(req.messages) });
  const u = r.json.usage;
  check("chat usage", u && u.prompt_tokens === tok.json.tokens.length && u.total_tokens === u.prompt_tokens + u.completion_tokens &&
        u.completion_tokens >= 1 && u.completion_tokens <= 24 && typeof u.prompt_tokens_details.cached_tokens === "number",
        { usage: u, expected_prompt: tok.json.tokens.length });
  check("chat length", c.finish_reason !== "length" || u.completion_tokens === 24, u);
  const whole = c.message.content;

  // The same request streamed: the role chunk, non-empty deltas under one id, one finish
  // chunk with an empty delta, the usage chunk, [DONE]; the same text.
  const s = await stream(port, "/v1/chat/completions", { ...req, stream: true, stream_options: { include_usage: true } });
  check("stream headers", s.status === 200 && /^text\/event-stream/.test(s.headers["content-type"]) &&
        s.headers["transfer-encoding"] === "chunked" && s.headers["x-accel-buffering"] === "no" && s.ended, s.headers);
  const ps = payloads(s.events);
  const last = ps[ps.length - 1];
  check("stream ends with [DONE]", last === "[DONE]" && ps.indexOf("[DONE]") === ps.length - 1, s.raw.slice(-200));
  const objs = ps.filter((p) => p !== "[DONE]");
  check("stream one id", objs.every((p) => p.id === objs[0].id && p.object === "chat.completion.chunk" && p.model === "test-model"),
        objs.map((p) => p.id));
  check("stream role first", objs[0].choices[0].delta.role === "assistant" && objs[0].choices[0].delta.content === null &&
        objs[0].choices[0].finish_reason === null, objs[0]);
  const content = objs.slice(1).filter((p) => p.choices.length && p.choices[0].delta.content !== undefined);
  check("stream deltas non-empty", content.every((p) => typeof p.choices[0].delta.content === "string" &&
        p.choices[0].delta.content.length > 0 && p.choices[0].delta.role === undefined && p.choices[0].finish_reason === null), content);
  const fin = objs.filter((p) => p.choices.length && p.choices[0].finish_reason);
  check("stream finish chunk", fin.length === 1 && JSON.stringify(fin[0].choices[0].delta) === "{}" &&
        fin[0].choices[0].finish_reason === c.finish_reason, fin);
  const usage = objs[objs.length - 1];
  check("stream usage chunk", usage.choices.length === 0 && usage.usage && usage.usage.completion_tokens === u.completion_tokens &&
        usage.usage.prompt_tokens === u.prompt_tokens, usage);
  check("stream text == whole text", deltaText(s.events) === whole, { stream: deltaText(s.events), whole });
  check("no error events", s.events.every((e) => e.fields.every((f) => f === "data")), s.raw.slice(0, 300));

  const s2 = await stream(port, "/v1/chat/completions", { ...req, stream: true });
  check("no usage chunk unless asked", payloads(s2.events).every((p) => p === "[DONE]" || p.choices.length === 1), s2.raw.slice(-300));

  // Text completions, both paths, string and token prompts.
  r = await post(port, "/v1/completions", { prompt: "Once upon a time", max_tokens: 16, seed: 3 });
  const t = r.json && r.json.choices && r.json.choices[0];
  check("completion shape", r.status === 200 && r.json.object === "text_completion" && /^cmpl-[A-Za-z0-9]{32}$/.test(r.json.id) &&
        typeof t.text === "string" && ["stop", "length"].includes(t.finish_reason) && r.json.usage.completion_tokens >= 1, r.body);
  const r2 = await post(port, "/completions", { prompt: "Once upon a time", max_tokens: 16, seed: 3 });
  check("completion without /v1", r2.status === 200 && r2.json.choices[0].text === t.text, r2.body);
  const ids = (await post(port, "/tokenize", { content: "Once upon a time", add_special: true })).json.tokens;
  const r3 = await post(port, "/v1/completions", { prompt: ids, max_tokens: 16, seed: 3 });
  check("token prompt", r3.status === 200 && r3.json.choices[0].text === t.text && r3.json.usage.prompt_tokens === ids.length, r3.body);
  const sc = await stream(port, "/v1/completions", { prompt: "Once upon a time", max_tokens: 16, seed: 3, stream: true });
  const scp = payloads(sc.events);
  check("completion stream", scp[scp.length - 1] === "[DONE]" && scp.slice(0, -1).every((p) => p.object === "text_completion") &&
        deltaText(sc.events) === t.text && scp[scp.length - 2].choices[0].finish_reason === t.finish_reason, sc.raw.slice(-300));

  // The prompt cache: the same prompt again reuses all but its last token, same text.
  const again = await post(port, "/v1/chat/completions", req);
  check("prompt cache", again.json.usage.prompt_tokens_details.cached_tokens === u.prompt_tokens - 1 &&
        again.json.choices[0].message.content === whole, again.json.usage);
  const nocache = await post(port, "/v1/chat/completions", { ...req, cache_prompt: false });
  check("no prompt cache", nocache.json.usage.prompt_tokens_details.cached_tokens === 0 &&
        nocache.json.choices[0].message.content === whole, nocache.json.usage);
  return whole;
}

async function tokens(port) {
  let r = await post(port, "/tokenize", { content: "Hi <|eot_id|> you", with_pieces: true });
  const pieces = r.json && r.json.tokens;
  check("tokenize pieces", r.status === 200 && Array.isArray(pieces) && pieces.some((p) => p.piece === "<|eot_id|>") &&
        pieces.every((p) => Number.isInteger(p.id) && (typeof p.piece === "string" || Array.isArray(p.piece))), r.body);
  r = await post(port, "/tokenize", { content: "Hi <|eot_id|> you", parse_special: false });
  check("tokenize parse_special false", r.json.tokens.length > pieces.length, r.body);
  const bos = await post(port, "/tokenize", { content: "<|begin_of_text|>" });
  const plain = await post(port, "/tokenize", { content: "Hi" });
  r = await post(port, "/tokenize", { content: "Hi", add_special: true });
  check("tokenize add_special", JSON.stringify(r.json.tokens) === JSON.stringify([bos.json.tokens[0], ...plain.json.tokens]), r.body);
  r = await post(port, "/detokenize", { tokens: pieces.map((p) => p.id) });
  check("detokenize round trip", r.status === 200 && r.json.content === "Hi <|eot_id|> you", r.body);
  r = await post(port, "/detokenize", { tokens: [1, 999999] });
  check("detokenize bad id", isError(r, 400, "invalid_request_error"), r.body);
  r = await post(port, "/tokenize", { content: 5 });
  check("tokenize bad content", isError(r, 400), r.body);
}

async function stops(port) {
  // A stop string taken from the text the request makes without one: the text ends just
  // before its first occurrence, streamed or not (the stream held back its partial matches).
  const base = { prompt: "The stop test", max_tokens: 48, temperature: 1.0, seed: 21 };
  const free = (await post(port, "/v1/completions", base)).json.choices[0].text;
  let stop = null;
  for (let i = 4; i + 3 <= free.length && !stop; i++) {
    const cand = free.slice(i, i + 3);
    if (/^[\x21-\x7e]{3}$/.test(cand)) stop = cand;
  }
  if (!check("stop candidate", stop !== null, free)) return;
  const want = free.slice(0, free.indexOf(stop));
  for (const form of [stop, [stop], ["\u0001never", stop]]) {
    const r = await post(port, "/v1/completions", { ...base, stop: form });
    check(`stop ${JSON.stringify(form)}`, r.json.choices[0].text === want && r.json.choices[0].finish_reason === "stop",
          { got: r.json.choices[0].text, want });
    const s = await stream(port, "/v1/completions", { ...base, stop: form, stream: true });
    check(`stop stream ${JSON.stringify(form)}`, deltaText(s.events) === want && !s.raw.includes(JSON.stringify(stop).slice(1, -1)),
          { got: deltaText(s.events), want });
  }
  const chatStop = (await post(port, "/v1/chat/completions", chat("x", { ...base, prompt: undefined, stop: "\u0001never" }))).json;
  check("stop never matching", chatStop.choices[0].finish_reason !== "stop" || chatStop.usage.completion_tokens < 48, chatStop);
}

async function determinism(port, whole) {
  // The request of shapes(), alone and then inside a crowd of others at different stages.
  const req = chat("Hello there", { max_tokens: 24, temperature: 0.9, seed: 7 });
  const others = [];
  for (let i = 0; i < 7; i++) {
    const body = i % 2 ? { prompt: "crowd ".repeat(20 + 9 * i), max_tokens: 30 + i, seed: 100 + i, stream: i % 3 === 0 }
                       : chat("Some other question number " + i + " ".repeat(i * 11) + "?", { max_tokens: 40, seed: i, stream: i % 4 === 0 });
    const p = body.prompt ? "/v1/completions" : "/v1/chat/completions";
    others.push(body.stream ? stream(port, p, body) : post(port, p, body));
    if (i === 3) {
      await sleep(5);
      others.push(post(port, "/v1/chat/completions", { ...req, cache_prompt: false }).then((r) => ({ mine: r })));
      others.push(stream(port, "/v1/chat/completions", { ...req, stream: true }).then((s) => ({ mineStream: s })));
    }
  }
  const done = await Promise.all(others);
  const mine = done.find((d) => d.mine).mine, mineStream = done.find((d) => d.mineStream).mineStream;
  check("same text under load", mine.json.choices[0].message.content === whole, { alone: whole, crowded: mine.json.choices[0].message.content });
  check("same streamed text under load", deltaText(mineStream.events) === whole, { alone: whole, crowded: deltaText(mineStream.events) });
  check("crowd answered", done.every((d) => d.mine || d.mineStream || d.status === 200), done.map((d) => d.status));
  const m = await L.metrics(port);
  check("batches held several slots", m["llamacpp:n_busy_slots_per_decode"] > 1, m);
}

async function errors(port) {
  const bad = [
    ["bad JSON", "{\"messages\": [", 400],
    ["trailing data", "{\"messages\": []} x", 400],
    ["not an object", [1, 2], 400],
    ["no messages", {}, 400],
    ["empty messages", { messages: [] }, 400],
    ["bad role", { messages: [{ role: "wizard", content: "x" }] }, 400],
    ["tool role", { messages: [{ role: "tool", content: "x" }] }, 400],
    ["no content", { messages: [{ role: "user" }] }, 400],
    ["content number", { messages: [{ role: "user", content: 5 }] }, 400],
    ["image part", { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:" } }] }] }, 400],
    ["unknown part", { messages: [{ role: "user", content: [{ type: "hologram" }] }] }, 400],
    ["temperature string", chat("x", { temperature: "hot" }), 400],
    ["temperature negative", chat("x", { temperature: -1 }), 400],
    ["top_p 2", chat("x", { top_p: 2 }), 400],
    ["max_tokens fraction", chat("x", { max_tokens: 1.5 }), 400],
    ["seed fraction", chat("x", { seed: 0.5 }), 400],
    ["stream string", chat("x", { stream: "yes" }), 400],
    ["stop number", chat("x", { stop: 5 }), 400],
    ["too many stops", chat("x", { stop: Array.from({ length: 17 }, (_, i) => "s" + i) }), 400],
  ];
  const unsupported = [
    ["tools", chat("x", { tools: [{ type: "function", function: { name: "f", parameters: {} } }] })],
    ["tool_choice", chat("x", { tool_choice: "required" })],
    ["n", chat("x", { n: 2 })],
    ["logprobs", chat("x", { logprobs: true })],
    ["top_logprobs", chat("x", { top_logprobs: 3 })],
    ["json_object", chat("x", { response_format: { type: "json_object" } })],
    ["json_schema", chat("x", { response_format: { type: "json_schema", json_schema: { name: "a", schema: {} } } })],
    ["logit_bias", chat("x", { logit_bias: { "5": 10 } })],
    ["grammar", chat("x", { grammar: "root ::= \"a\"" })],
    ["mirostat", chat("x", { mirostat: 2 })],
  ];
  for (const [name, body, status] of bad) {
    const r = await post(L.port, "/v1/chat/completions", body);
    check(`400 ${name}`, isError(r, status, "invalid_request_error"), r.body);
  }
  for (const [name, body] of unsupported) {
    const r = await post(L.port, "/v1/chat/completions", body);
    check(`unsupported ${name}`, isError(r, 400, "invalid_request_error") && /not supported/.test(r.json.error.message), r.body);
    const s = await post(L.port, "/v1/chat/completions", { ...body, stream: true });
    check(`unsupported ${name} (stream: JSON)`, isError(s, 400), s.body);
  }
  const compl = [
    ["echo", { prompt: "x", echo: true }], ["best_of", { prompt: "x", best_of: 3 }], ["suffix", { prompt: "x", suffix: "y" }],
    ["several prompts", { prompt: ["a", "b"] }], ["logprobs", { prompt: "x", logprobs: 2 }],
  ];
  for (const [name, body] of compl) {
    const r = await post(L.port, "/v1/completions", body);
    check(`completion unsupported ${name}`, isError(r, 400) && /not supported/.test(r.json.error.message), r.body);
  }
  for (const [name, body] of [["no prompt", {}], ["empty tokens", { prompt: [] }], ["bad token", { prompt: [5, 99999] }],
                              ["negative token", { prompt: [-1] }], ["mixed", { prompt: [1, "a"] }]]) {
    const r = await post(L.port, "/v1/completions", body);
    check(`completion 400 ${name}`, isError(r, 400), r.body);
  }
  // Accepted: unknown fields, nulls, and the harmless values of refused features.
  const ok = chat("x", { max_tokens: 2, frobnicate: { deep: [1] }, temperature: null, top_p: null, stop: null, seed: null,
                         tools: [], tool_choice: "none", n: 1, logprobs: false, response_format: { type: "text" },
                         stream_options: null, user: "u", metadata: { a: 1 }, logit_bias: {} });
  let r = await post(L.port, "/v1/chat/completions", ok);
  check("ignored fields accepted", r.status === 200, r.body);
  r = await post(L.port, "/v1/chat/completions", { messages: [{ role: "system", content: "be brief" },
    { role: "user", content: [{ type: "text", text: "a" }, { type: "text", text: "b", cache_control: { type: "ephemeral" } }] },
    { role: "assistant", content: null }, { role: "developer", content: "x" }, { role: "user", content: "c", name: "bob" }], max_tokens: 2 });
  check("roles and parts accepted", r.status === 200, r.body);

  // Context: a prompt the slot cannot hold is refused with llama-server's error type.
  const long = "word ".repeat(600);
  for (const streamed of [false, true]) {
    r = await post(L.port, "/v1/chat/completions", chat(long, { stream: streamed }));
    check(`exceed context (stream ${streamed})`, isError(r, 400, "exceed_context_size_error") && r.json.error.n_ctx === 512 &&
          r.json.error.n_prompt_tokens > 512, r.body);
  }
  // Routes and methods.
  r = await request(L.port, { path: "/v2/nothing" });
  check("404", isError(r, 404, "not_found_error"), r.body);
  r = await request(L.port, { path: "/v1/chat/completions" });
  check("405", isError(r, 405), r.body);
  r = await post(L.port, "/v1/chat/completions", Buffer.alloc(9 << 20, 32));
  check("413", isError(r, 413), r.status);
  // Malformed HTTP: an error or a closed socket, and the server carries on.
  const garbage = await new Promise((resolve) => {
    const sock = net.connect(L.port, "127.0.0.1", () => sock.write("\x16\x03\x01 not http at all\r\n\r\n"));
    let got = "";
    sock.on("data", (d) => (got += d));
    sock.on("close", () => resolve(got));
    sock.on("error", () => resolve(got));
    setTimeout(() => sock.destroy(), 3000);
  });
  check("malformed HTTP answered", garbage === "" || /^HTTP\/1\.[01] 4\d\d/.test(garbage), garbage.slice(0, 80));
  r = await request(L.port, { path: "/health" });
  check("alive after garbage", r.status === 200, r.status);
}

// Queue limits, keep-alive comments and disconnects, on one slot made slow by the test hook.
async function queueing(model) {
  const S = await L.startServer(model, ["-np", "1", "--max-queue", "1", "--sse-ping-interval", "0.2", "-c", "512", "-t", "1"],
                                { env: { TERN_SERVE_TEST_STEP_MS: "20" } });
  const p = S.port;
  const long = chat("keep going", { max_tokens: 400, temperature: 1, seed: 1, stream: true });
  const a = stream(p, "/v1/chat/completions", long, { abortAfter: 1500 });
  await L.waitMetrics(p, (m) => m["llamacpp:requests_processing"] === 1);
  const b = stream(p, "/v1/chat/completions", long, { abortAfter: 1200 });
  await L.waitMetrics(p, (m) => m["llamacpp:requests_deferred"] === 1);
  const t0 = Date.now();
  const models = await request(p, { path: "/v1/models" });
  check("models while every slot is busy", models.status === 200 && Date.now() - t0 < 500, Date.now() - t0);
  const c = await post(p, "/v1/chat/completions", { ...long });
  check("503 on a full queue", isError(c, 503, "unavailable_error") && c.headers["retry-after"] === "1", { status: c.status, h: c.headers });
  const bq = await b;
  check("pings while queued", bq.events.length >= 3 && bq.events.every((e) => e.data === null && e.comments === 1) &&
        /^:\n\n/.test(bq.raw), bq.raw.slice(0, 100));
  const tq = await L.waitMetrics(p, (m) => m["llamacpp:requests_deferred"] === 0, 3000);
  check("queued client leaving frees its place", tq >= 0 && tq < 1000, tq);
  const aq = await a;
  check("stream was flowing", aq.events.length > 10, aq.events.length);
  const td = await L.waitMetrics(p, (m) => m["llamacpp:requests_processing"] === 0, 3000);
  check("decoding client leaving frees its slot within 1 s", td >= 0 && td < 1000, td);
  const m = await L.metrics(p);
  check("cancellations counted", m["tern:requests_cancelled_total"] === 2 && m["tern:requests_rejected_total"] === 1, m);
  // Non-streamed client that leaves while queued and while running.
  const slow = post(p, "/v1/chat/completions", { ...long, stream: false, max_tokens: 300 }).catch(() => null);
  await L.waitMetrics(p, (mm) => mm["llamacpp:requests_processing"] === 1);
  await new Promise((resolve) => {
    const http = require("node:http");
    const req = http.request({ host: "127.0.0.1", port: p, method: "POST", path: "/v1/chat/completions", agent: false,
                               headers: { "Content-Type": "application/json" } });
    req.on("error", () => {});
    req.end(JSON.stringify({ ...long, stream: false }));
    setTimeout(() => { req.destroy(); resolve(); }, 400);
  });
  const tn = await L.waitMetrics(p, (mm) => mm["llamacpp:requests_deferred"] === 0, 3000);
  check("non-streamed queued client leaving", tn >= 0 && tn < 1000, tn);
  await slow;
  // Shutdown mid-stream: an error event, then a proper end of the body (no [DONE]).
  const last = stream(p, "/v1/chat/completions", long);
  await L.waitMetrics(p, (mm) => mm["llamacpp:requests_processing"] === 1);
  await sleep(200);
  const exit = await S.stop("SIGTERM");
  const ls = await last;
  const lp = payloads(ls.events);
  check("shutdown: error event", lp.length > 1 && lp[lp.length - 1] !== "[DONE]" && lp[lp.length - 1].error &&
        lp[lp.length - 1].error.type === "server_error", ls.raw.slice(-200));
  check("shutdown: body ended properly", ls.ended && !ls.error, { ended: ls.ended, error: String(ls.error) });
  check("shutdown: exit 0", exit.code === 0, exit);
}

// A client leaving mid-prompt frees its slot within a second; the other stream goes on untouched.
async function prefillCancel(model) {
  const S = await L.startServer(model, ["-np", "2", "-b", "16", "-c", "2048", "-t", "1"], { env: { TERN_SERVE_TEST_STEP_MS: "30" } });
  const p = S.port;
  const other = chat("the other one", { max_tokens: 60, temperature: 0.8, seed: 5 });
  const alone = (await post(p, "/v1/chat/completions", { ...other, cache_prompt: false })).json.choices[0].message.content;
  const o = stream(p, "/v1/chat/completions", { ...other, stream: true, cache_prompt: false });
  const big = stream(p, "/v1/chat/completions", chat("long ".repeat(1500), { stream: true, max_tokens: 5 }), { abortAfter: 700 });
  await big;
  const t = await L.waitMetrics(p, (m) => m["llamacpp:requests_processing"] <= 1, 3000);
  const m = await L.metrics(p);
  check("prefill client leaving frees its slot within 1 s", t >= 0 && t < 1000 && m["llamacpp:prompt_tokens_total"] < 1500, { t, m });
  const os = await o;
  check("the other stream is untouched", deltaText(os.events) === alone && payloads(os.events).pop() === "[DONE]",
        { alone, crowded: deltaText(os.events) });
  await S.stop();
}

async function loading(model) {
  const S = await L.startServer(model, [], { noWait: true, env: { TERN_SERVE_TEST_LOAD_MS: "1500" } });
  let r = await request(S.port, { path: "/health" });
  check("health 503 while loading", isError(r, 503, "unavailable_error") && /Loading model/.test(r.json.error.message), r.body);
  r = await request(S.port, { path: "/v1/models" });
  check("models 503 while loading", r.status === 503, r.status);
  r = await request(S.port, { path: "/" });
  check("page while loading", r.status === 200, r.status);
  await L.waitHealthy(S.port);
  check("health 200 after loading", (await request(S.port, { path: "/health" })).status === 200);
  await S.stop();
}

async function auth(model) {
  const S = await L.startServer(model, ["--api-key", "k1,k2", "--api-key", "k3"]);
  const p = S.port;
  check("auth: health public", (await request(p, { path: "/health" })).status === 200);
  check("auth: page public", (await request(p, { path: "/" })).status === 200);
  let r = await request(p, { path: "/v1/models" });
  check("auth: no key", isError(r, 401, "authentication_error"), r.body);
  r = await request(p, { path: "/v1/models", headers: { Authorization: "Bearer nope" } });
  check("auth: wrong key", isError(r, 401), r.body);
  r = await request(p, { path: "/v1/models", headers: { Authorization: "Bearer k2" } });
  check("auth: bearer", r.status === 200, r.body);
  r = await request(p, { path: "/metrics", headers: { "X-Api-Key": "k3" } });
  check("auth: x-api-key", r.status === 200, r.status);
  r = await post(p, "/v1/chat/completions", chat("x"));
  check("auth: completion without key", isError(r, 401), r.body);
  r = await post(p, "/v1/chat/completions", chat("x", { max_tokens: 2 }), { Authorization: "Bearer k1" });
  check("auth: completion with key", r.status === 200, r.body);
  r = await request(p, { method: "OPTIONS", path: "/v1/chat/completions",
    headers: { Origin: "http://example.test", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" } });
  check("preflight before auth", r.status === 204 && r.headers["access-control-allow-origin"] === "http://example.test" &&
        /POST/.test(r.headers["access-control-allow-methods"]) && r.headers["access-control-allow-headers"] === "authorization,content-type",
        { status: r.status, headers: r.headers });
  r = await request(p, { path: "/v1/models", headers: { Origin: "http://example.test", Authorization: "Bearer k1" } });
  check("CORS on responses", r.headers["access-control-allow-origin"] === "http://example.test" &&
        r.headers["access-control-allow-credentials"] === "true", r.headers);
  await S.stop();
}

async function context(model) {
  const S = await L.startServer(model, ["-c", "64", "-np", "1"]);
  const r = await post(S.port, "/v1/completions", { prompt: "a b c d e f g h i j", max_tokens: 1000, temperature: 0 });
  const u = r.json.usage;
  check("context full = length", r.json.choices[0].finish_reason === "length" && u.prompt_tokens + u.completion_tokens === 65, u);
  const fresh = await L.metrics(S.port);
  check("metrics count what was served", fresh["llamacpp:tokens_predicted_total"] === u.completion_tokens &&
        fresh["llamacpp:prompt_tokens_total"] === u.prompt_tokens && fresh["llamacpp:n_decode_total"] >= u.completion_tokens &&
        fresh["llamacpp:requests_processing"] === 0 && fresh["tern:requests_finished_total"] === 1, fresh);
  const text = (await request(S.port, { path: "/metrics" })).body;
  check("metrics format", /# HELP llamacpp:prompt_tokens_total .+\n# TYPE llamacpp:prompt_tokens_total counter\n/.test(text) &&
        /\n# TYPE llamacpp:requests_processing gauge\n/.test(text), text.slice(0, 200));
  await S.stop();
}

(async () => {
  const model = L.genModel("bitnet-b1.58-tiny", 1);
  const S = await L.startServer(model, ["-np", "4", "-c", "512", "-a", "test-model", "-t", "2"]);
  L.port = S.port;
  const whole = await shapes(S.port, model);
  await tokens(S.port);
  await stops(S.port);
  await determinism(S.port, whole);
  await errors(S.port);
  const exit = await S.stop();
  check("clean exit", exit.code === 0, exit);
  await queueing(model);
  await prefillCancel(model);
  await loading(model);
  await auth(model);
  await context(model);
  process.exit(L.summary("serve wire"));
})().catch((e) => { console.log("FAIL (exception)", e); process.exit(1); });
