// A replay of Open WebUI's requests (serving.md §3.2, routers/openai.py and utils/payload.py):
// the model list with a Bearer header (empty key), a streamed chat whose last message is a
// content-part array with cache_control and stream_options.include_usage forced on, extra
// fields it sends, and the title and tags requests it fires at the same model meanwhile.
// It treats a reply as a stream only if Content-Type says text/event-stream, and reads
// errors as JSON.
"use strict";
const L = require("./lib.cjs");
const { check, post, request, stream, payloads, deltaText } = L;

const TITLE = "### Task:\nGenerate a concise, 3-5 word title with an emoji summarizing the chat history.\n### Chat History:\n<chat_history>\nUSER: Hello\n</chat_history>";
const TAGS = "### Task:\nGenerate 1-3 broad tags categorizing the main themes of the chat history.\n### Output:\nJSON format: { \"tags\": [\"tag1\"] }";

(async () => {
  const model = L.genModel("bitnet-b1.58-tiny", 1);
  const S = await L.startServer(model, ["-np", "4", "-c", "1024", "-t", "2"], { env: { TERN_SERVE_TEST_STEP_MS: "3" } });
  const p = S.port;
  const list = await request(p, { path: "/models", headers: { Authorization: "Bearer " } });
  check("model list with an empty Bearer key", list.status === 200 && list.json.data.every((m) => typeof m.id === "string"), list.body);
  const id = list.json.data[0].id;

  const history = [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: "Hello" },
                   { role: "assistant", content: "Hi! How can I help?" }];
  const main = {
    model: id, stream: true, stream_options: { include_usage: true }, temperature: 0.8, max_tokens: 64, seed: 4,
    messages: [...history, { role: "user", content: [{ type: "text", text: "Tell me about ternary weights.",
                                                       cache_control: { type: "ephemeral" } }] }],
    metadata: { chat_id: "c1", message_id: "m1", session_id: "s1" }, user: { name: "u", id: "1", role: "user" },
  };
  const alone = await stream(p, "/chat/completions", main);
  const text = deltaText(alone.events);

  // The main chat again, with the title and tag tasks arriving while it streams.
  const task = (prompt) => post(p, "/chat/completions", { model: id, stream: false, max_tokens: 24,
    messages: [{ role: "user", content: prompt }], metadata: { task: "title_generation" } });
  const [again, title, tags, title2] = await Promise.all([stream(p, "/chat/completions", main), task(TITLE), task(TAGS), task(TITLE)]);
  const isStream = /text\/event-stream/.test(again.headers["content-type"] || "");
  check("the reply is a stream by Content-Type", isStream && again.status === 200, again.headers);
  const evs = payloads(again.events);
  check("every data line is JSON or [DONE]", evs.length > 3 && evs[evs.length - 1] === "[DONE]", again.raw.slice(-200));
  const usage = evs.filter((e) => e !== "[DONE]" && e.usage).pop();
  check("usage arrives (include_usage forced on)", usage && usage.choices.length === 0 && usage.usage.prompt_tokens > 20, usage);
  check("content parts with cache_control accepted", text.length > 0 && deltaText(again.events) === text,
        { alone: text, again: deltaText(again.events) });
  for (const [name, r] of [["title", title], ["tags", tags], ["title again", title2]]) {
    check(`${name} task answered`, r.status === 200 && /application\/json/.test(r.headers["content-type"]) &&
          typeof r.json.choices[0].message.content === "string", r.body);
  }
  // An error it must read as JSON even though it asked for a stream.
  const bad = await post(p, "/chat/completions", { ...main, tools: [{ type: "function", function: { name: "f" } }] });
  check("error as JSON on a stream request", bad.status === 400 && /application\/json/.test(bad.headers["content-type"]) &&
        bad.json.error.message.includes("tools"), bad.body);
  const m = await L.metrics(p);
  check("nothing left running", m["llamacpp:requests_processing"] === 0 && m["llamacpp:requests_deferred"] === 0, m);
  await S.stop();
  process.exit(L.summary("serve Open WebUI replay"));
})().catch((e) => { console.log("FAIL (exception)", e); process.exit(1); });
