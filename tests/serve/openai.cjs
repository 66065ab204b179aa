// tern serve through the real openai npm client (openai@6, serving.md §3.1): create with and
// without stream, the .stream() helper's finalChatCompletion(), completions, models.list,
// aborting mid-stream, error classes, a 503 retried after Retry-After, keys, a base URL
// without /v1.
"use strict";
const path = require("node:path");
const L = require("./lib.cjs");
const { check, sleep } = L;
const { OpenAI, APIUserAbortError, BadRequestError, AuthenticationError, APIError } =
  require(path.resolve(process.env.TERN_NPM_DIR, "node_modules", "openai"));

(async () => {
  const model = L.genModel("bitnet-b1.58-tiny", 1);
  const S = await L.startServer(model, ["-np", "2", "-c", "512", "-a", "tiny", "--api-key", "sk-test", "-t", "2"],
                                { env: { TERN_SERVE_TEST_STEP_MS: "5" } });
  const key = { Authorization: "Bearer sk-test" };
  const client = new OpenAI({ apiKey: "sk-test", baseURL: `http://127.0.0.1:${S.port}/v1`, maxRetries: 0 });

  const models = await client.models.list();
  check("models.list", models.data.length === 1 && models.data[0].id === "tiny", models.data);

  const params = { model: "tiny", messages: [{ role: "system", content: "Be kind." }, { role: "user", content: "Hi there" }],
                   max_tokens: 32, temperature: 0.7, seed: 9 };
  const whole = await client.chat.completions.create(params);
  const text = whole.choices[0].message.content;
  check("chat.completions.create", whole.object === "chat.completion" && typeof text === "string" && text.length > 0 &&
        whole.choices[0].message.role === "assistant" && whole.usage.completion_tokens > 0, whole);

  const st = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } });
  let streamed = "", usage = null, ids = new Set(), finish = null, roleFirst = null;
  for await (const chunk of st) {
    ids.add(chunk.id);
    if (roleFirst === null && chunk.choices[0]) roleFirst = chunk.choices[0].delta.role;
    if (chunk.choices[0] && chunk.choices[0].delta.content) streamed += chunk.choices[0].delta.content;
    if (chunk.choices[0] && chunk.choices[0].finish_reason) finish = chunk.choices[0].finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  check("create stream: same text", streamed === text, { streamed, text });
  check("create stream: shape", ids.size === 1 && roleFirst === "assistant" && finish === whole.choices[0].finish_reason &&
        usage && usage.completion_tokens === whole.usage.completion_tokens, { ids: [...ids], roleFirst, finish, usage });

  const helper = client.chat.completions.stream(params);
  let deltas = 0;
  helper.on("content", () => deltas++);
  const final = await helper.finalChatCompletion();
  check(".stream().finalChatCompletion()", final.choices[0].message.content === text && final.choices[0].message.role === "assistant" &&
        final.choices[0].finish_reason === whole.choices[0].finish_reason && deltas > 0, final);

  const comp = await client.completions.create({ model: "tiny", prompt: "Once upon", max_tokens: 16, seed: 2 });
  check("completions.create", comp.object === "text_completion" && typeof comp.choices[0].text === "string" &&
        comp.usage.completion_tokens > 0, comp);
  const cs = await client.completions.create({ model: "tiny", prompt: "Once upon", max_tokens: 16, seed: 2, stream: true });
  let ctext = "";
  for await (const chunk of cs) ctext += chunk.choices[0] ? chunk.choices[0].text : "";
  check("completions.create stream", ctext === comp.choices[0].text, { ctext, text: comp.choices[0].text });

  // Abort mid-stream: the client's own error, and the slot is free again within a second.
  const controller = new AbortController();
  const long = await client.chat.completions.create({ ...params, max_tokens: 400, stream: true }, { signal: controller.signal });
  let got = 0, after = 0, aborted = null;
  try {
    for await (const chunk of long) {
      if (got >= 5) after++;
      if (chunk.choices[0] && chunk.choices[0].delta.content && ++got === 5) controller.abort();
    }
  } catch (e) { aborted = e; }
  // The SDK ends the iteration quietly on its own abort (or throws APIUserAbortError).
  check("abort mid-stream", (aborted === null || aborted instanceof APIUserAbortError) && got === 5 && after === 0,
        { aborted: String(aborted), got, after });
  const freed = await L.waitMetrics(S.port, (m) => m["llamacpp:requests_processing"] === 0, 3000, key);
  check("abort frees the slot within 1 s", freed >= 0 && freed < 1000, freed);

  // Errors: 400 is not retried; a wrong key is an AuthenticationError.
  const m0 = await L.metrics(S.port, key);
  const retrying = new OpenAI({ apiKey: "sk-test", baseURL: `http://127.0.0.1:${S.port}/v1`, maxRetries: 2 });
  let e400 = null;
  try { await retrying.chat.completions.create({ ...params, n: 2 }); } catch (e) { e400 = e; }
  const m1 = await L.metrics(S.port, key);
  check("400 is a BadRequestError, sent once", e400 instanceof BadRequestError && /not supported/.test(e400.message) &&
        m1["tern:requests_invalid_total"] - m0["tern:requests_invalid_total"] === 1, String(e400));
  let e401 = null;
  try { await new OpenAI({ apiKey: "wrong", baseURL: `http://127.0.0.1:${S.port}/v1`, maxRetries: 0 }).models.list(); } catch (e) { e401 = e; }
  check("401 is an AuthenticationError", e401 instanceof AuthenticationError, String(e401));
  const noV1 = new OpenAI({ apiKey: "sk-test", baseURL: `http://127.0.0.1:${S.port}`, maxRetries: 0 });
  const r = await noV1.chat.completions.create(params);
  check("base URL without /v1", r.choices[0].message.content === text, r);
  await S.stop();

  // A full queue: 503 + Retry-After. Without retries the client sees it; with them it waits
  // and gets its answer once the slot frees.
  const Q = await L.startServer(model, ["-np", "1", "--max-queue", "0", "-c", "512", "-t", "1"],
                                { env: { TERN_SERVE_TEST_STEP_MS: "10" } });
  const base = `http://127.0.0.1:${Q.port}/v1`;
  const busy = new OpenAI({ apiKey: "none", baseURL: base, maxRetries: 0 });
  const hog = busy.chat.completions.create({ ...params, max_tokens: 80 });        // about a second of slot time
  await L.waitMetrics(Q.port, (m) => m["llamacpp:requests_processing"] === 1);
  let e503 = null;
  try { await busy.chat.completions.create(params); } catch (e) { e503 = e; }
  check("503 when the queue is full", e503 instanceof APIError && e503.status === 503 && e503.headers.get("retry-after") === "1",
        String(e503));
  const t0 = Date.now();
  const patient = await new OpenAI({ apiKey: "none", baseURL: base, maxRetries: 3 }).chat.completions.create(params);
  check("503 retried after Retry-After", patient.choices[0].message.content === text && Date.now() - t0 >= 900, Date.now() - t0);
  await hog;
  await Q.stop();
  process.exit(L.summary("serve openai@6"));
})().catch((e) => { console.log("FAIL (exception)", e); process.exit(1); });
