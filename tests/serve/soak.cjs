// A soak: many concurrent clients mixing streamed and whole answers, clients that leave
// (queued, mid-prompt, mid-stream), slow readers and invalid requests of every kind.
// Every valid request must get a complete, well-formed answer, every invalid one its error,
// and afterwards nothing is left running and the server's open files, threads and memory
// are back where they were after a warm-up. Sized for CI by default; scripts/soak-serve.sh
// runs it longer (TERN_SOAK_CLIENTS, TERN_SOAK_REQUESTS, TERN_SOAK_MODEL).
"use strict";
const http = require("node:http");
const net = require("node:net");
const L = require("./lib.cjs");
const { check, sleep, payloads } = L;

const CLIENTS = Number(process.env.TERN_SOAK_CLIENTS || 64);
const REQUESTS = Number(process.env.TERN_SOAK_REQUESTS || 400);

let rngState = 12345;
function rand() {                                   // mulberry32: a reproducible mix
  rngState = (rngState + 0x6d2b79f5) | 0;
  let t = Math.imul(rngState ^ (rngState >>> 15), 1 | rngState);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const words = (n) => Array.from({ length: n }, () => pick(["tern", "ternary", "weights", "slot", "batch", "token", "é", "日本", "🙂", "x"])).join(" ");

const stats = { sent: 0, ok: 0, aborted: 0, invalid: 0, errors: [], kinds: {} };
function protocolError(kind, what, detail) {
  stats.errors.push(`${kind}: ${what} ${detail === undefined ? "" : JSON.stringify(detail).slice(0, 300)}`);
}

// Raw HTTP so slow readers and half-sent requests are possible. Resolves
// {status, headers, body, complete} or {closed: true} when the server closes early.
function raw(port, head, body, { abortAfter, slow, sendPartial } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(port, "127.0.0.1");
    let buf = Buffer.alloc(0), done = false;
    const finish = (v) => { if (!done) { done = true; sock.destroy(); resolve(v); } };
    sock.on("connect", () => {
      sock.write(head);
      if (body !== undefined) sock.write(sendPartial ? body.slice(0, sendPartial) : body);
      if (sendPartial) setTimeout(() => finish({ closed: true, partial: true }), 30);
    });
    if (abortAfter !== undefined) setTimeout(() => finish({ aborted: true }), abortAfter);
    sock.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      if (slow && rand() < 0.5) { sock.pause(); setTimeout(() => sock.resume(), 20 + rand() * 120); }
      const parsed = parseResponse(buf);
      if (parsed && parsed.complete) finish(parsed);
    });
    sock.on("end", () => finish(parseResponse(buf) || { closed: true }));
    sock.on("error", () => finish(parseResponse(buf) || { closed: true }));
    setTimeout(() => finish({ timeout: true, got: buf.toString("latin1").slice(0, 200) }), 120000);
  });
}

// An HTTP/1.1 response from bytes: Content-Length or chunked bodies (chunk framing checked).
function parseResponse(buf) {
  const text = buf.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const lines = text.slice(0, end).split("\r\n");
  const m = /^HTTP\/1\.1 (\d{3}) /.exec(lines[0]);
  if (!m) return { bad: lines[0] };
  const headers = {};
  for (const l of lines.slice(1)) { const i = l.indexOf(":"); headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim(); }
  let rest = buf.subarray(Buffer.byteLength(text.slice(0, end + 4), "latin1"));
  if (headers["transfer-encoding"] === "chunked") {
    const parts = [];
    for (;;) {
      const s = rest.toString("latin1");
      const eol = s.indexOf("\r\n");
      if (eol < 0) return { status: Number(m[1]), headers, complete: false };
      const size = parseInt(s.slice(0, eol), 16);
      if (Number.isNaN(size)) return { status: Number(m[1]), headers, complete: false, badChunk: s.slice(0, 20) };
      if (rest.length < eol + 2 + size + 2) return { status: Number(m[1]), headers, complete: false };
      if (size === 0) return { status: Number(m[1]), headers, body: Buffer.concat(parts).toString("utf8"), complete: true };
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      rest = rest.subarray(eol + 2 + size + 2);
    }
  }
  const len = Number(headers["content-length"] || 0);
  if (rest.length < len) return { status: Number(m[1]), headers, complete: false };
  return { status: Number(m[1]), headers, body: rest.subarray(0, len).toString("utf8"), complete: true };
}

const postHead = (path, n, extra = "") =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${n}\r\n${extra}Connection: close\r\n\r\n`;
const getHead = (path) => `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;

function validStream(kind, r, body) {
  if (r.status !== 200 || !/^text\/event-stream/.test(r.headers["content-type"] || "")) return protocolError(kind, "status", r.status);
  const evs = L.parseSSE(r.body);
  if (evs.some((e) => e.fields.some((f) => f !== "data"))) return protocolError(kind, "non-data field", r.body.slice(0, 200));
  const ps = payloads(evs);
  if (ps[ps.length - 1] !== "[DONE]" || ps.indexOf("[DONE]") !== ps.length - 1) return protocolError(kind, "[DONE]", r.body.slice(-200));
  const objs = ps.slice(0, -1);
  if (objs.some((p) => p.error)) return protocolError(kind, "error event", objs.find((p) => p.error));
  if (!objs.every((p) => p.id === objs[0].id)) return protocolError(kind, "ids differ");
  const chat = body.messages !== undefined;
  if (chat && objs[0].choices[0].delta.role !== "assistant") return protocolError(kind, "no role first", objs[0]);
  const fin = objs.filter((p) => p.choices.length && p.choices[0].finish_reason);
  if (fin.length !== 1 || !["stop", "length"].includes(fin[0].choices[0].finish_reason)) return protocolError(kind, "finish", fin);
  const deltas = objs.filter((p) => p.choices.length && p !== fin[0] && !(chat && p === objs[0]));
  if (deltas.some((p) => !(chat ? p.choices[0].delta.content : p.choices[0].text))) return protocolError(kind, "empty delta");
  const usage = objs.filter((p) => p.usage);
  const wantUsage = !!(body.stream_options && body.stream_options.include_usage);
  if (wantUsage !== (usage.length === 1)) return protocolError(kind, "usage chunk", usage);
  if (wantUsage && usage[0].usage.completion_tokens > body.max_tokens) return protocolError(kind, "usage", usage[0]);
  stats.ok++;
}

function validWhole(kind, r, body) {
  let j;
  try { j = JSON.parse(r.body); } catch (e) { return protocolError(kind, "JSON", r.body && r.body.slice(0, 200)); }
  if (r.status !== 200 || !j.choices || j.choices.length !== 1) return protocolError(kind, "status", { status: r.status, j });
  const c = j.choices[0], u = j.usage;
  const text = body.messages ? c.message && c.message.content : c.text;
  if (typeof text !== "string" || !["stop", "length"].includes(c.finish_reason)) return protocolError(kind, "shape", j);
  if (u.completion_tokens > body.max_tokens || (c.finish_reason === "length" && u.completion_tokens !== body.max_tokens))
    return protocolError(kind, "usage", { u, max: body.max_tokens, finish: c.finish_reason });
  stats.ok++;
}

function validError(kind, r, status) {
  if (r.closed && status === 0) { stats.invalid++; return; }
  let j;
  try { j = JSON.parse(r.body); } catch (e) {}
  if (r.status !== status || !j || !j.error || j.error.code !== status) return protocolError(kind, `want ${status}`, { status: r.status, body: r.body });
  stats.invalid++;
}

function genBody(chat, stream) {
  const b = { max_tokens: 1 + Math.floor(rand() * 48), temperature: pick([0, 0.5, 1]), seed: Math.floor(rand() * 1000) };
  if (rand() < 0.3) b.stop = [pick(["x", "tern", "🙂", "zz"])];
  if (chat) b.messages = [{ role: "user", content: rand() < 0.5 ? words(5 + rand() * 50) : [{ type: "text", text: words(10) }] }];
  else b.prompt = words(3 + rand() * 40);
  if (stream) { b.stream = true; if (rand() < 0.5) b.stream_options = { include_usage: true }; }
  return b;
}

async function one(port) {
  const x = rand();
  const kind = x < 0.30 ? "stream" : x < 0.45 ? "whole" : x < 0.55 ? "completion" : x < 0.65 ? "abort_stream" :
               x < 0.70 ? "abort_whole" : x < 0.78 ? "slow_reader" : x < 0.92 ? "invalid" : "misc";
  stats.kinds[kind] = (stats.kinds[kind] || 0) + 1;
  stats.sent++;
  if (kind === "stream" || kind === "whole" || kind === "completion" || kind === "slow_reader") {
    const chat = kind !== "completion" || rand() < 0.2;
    const stream = kind === "stream" || kind === "slow_reader" || (kind === "completion" && rand() < 0.5);
    const body = genBody(chat, stream);
    const s = JSON.stringify(body);
    const r = await raw(port, postHead(chat ? "/v1/chat/completions" : "/v1/completions", Buffer.byteLength(s)), s,
                        { slow: kind === "slow_reader" });
    if (!r.complete) return protocolError(kind, "incomplete", r);
    return stream ? validStream(kind, r, body) : validWhole(kind, r, body);
  }
  if (kind === "abort_stream" || kind === "abort_whole") {
    const body = genBody(true, kind === "abort_stream");
    body.max_tokens = 64;
    const s = JSON.stringify(body);
    await raw(port, postHead("/v1/chat/completions", Buffer.byteLength(s)), s, { abortAfter: Math.floor(rand() * 60) });
    stats.aborted++;
    return;
  }
  if (kind === "invalid") {
    const y = Math.floor(rand() * 8);
    const cases = [
      ["{\"messages\": [", "/v1/chat/completions", 400],
      [JSON.stringify({ messages: [{ role: "user", content: "x" }], n: 3 }), "/v1/chat/completions", 400],
      [JSON.stringify({ prompt: [99999] }), "/v1/completions", 400],
      [JSON.stringify({ messages: [{ role: "user", content: words(2000) }], stream: true }), "/v1/chat/completions", 400],
      ["{}", "/v1/nowhere", 404],
    ];
    if (y < cases.length) {
      const [b, path, status] = cases[y];
      return validError("invalid", await raw(port, postHead(path, Buffer.byteLength(b)), b), status);
    }
    if (y === 5) return validError("invalid", await raw(port, postHead("/v1/chat/completions", 100 << 20), ""), 413);
    if (y === 6) {                                  // a body that never arrives in full
      const r = await raw(port, postHead("/v1/chat/completions", 200), "{\"messages\": [{\"role\":", { sendPartial: 10 });
      return validError("invalid", r, 0);
    }
    // TLS spoken to the HTTP port gets 400; bytes MHD waits on are cut by the client.
    const tls = rand() < 0.5;
    const r = await raw(port, tls ? "\x16\x03\x01 not http\r\n\r\n" : "\x00\x01GARBAGE / HTTP/1.1\r\n\r\n", undefined,
                        tls ? {} : { abortAfter: 300 });
    if (tls ? r.status !== 400 : r.status !== undefined && !(r.status >= 400 && r.status < 500)) return protocolError("invalid", "garbage", r);
    stats.invalid++;
    return;
  }
  const path = pick(["/health", "/v1/models", "/metrics", "/"]);
  const r = await raw(port, getHead(path));
  if (r.status !== 200 || !r.complete) return protocolError("misc", path, r);
  stats.ok++;
}

async function run(port, n) {
  let next = 0;
  const worker = async () => { while (next < n) { next++; await one(port); } };
  await Promise.all(Array.from({ length: CLIENTS }, worker));
}

async function quiet(port) {
  const t = await L.waitMetrics(port, (m) => m["llamacpp:requests_processing"] === 0 && m["llamacpp:requests_deferred"] === 0, 10000);
  await sleep(500);                                 // connection threads finish their goodbyes
  return t;
}

(async () => {
  const model = process.env.TERN_SOAK_MODEL || L.genModel("bitnet-b1.58-tiny", 1);
  const S = await L.startServer(model, ["-np", "4", "-c", "2048", "--max-queue", "1024", "-t", "2"]);
  const p = S.port;
  const t0 = Date.now();
  await run(p, 2 * CLIENTS);                        // warm-up: thread stacks, malloc arenas, caches
  check("warm-up settles", (await quiet(p)) >= 0);
  const base = L.procStats(S.pid);
  stats.ok = stats.aborted = stats.invalid = 0;
  stats.sent = 0;
  stats.errors = [];
  await run(p, REQUESTS);
  const settle = await quiet(p);
  const end = L.procStats(S.pid);
  const cpu = require("node:fs").readFileSync(`/proc/${S.pid}/stat`, "utf8").split(") ")[1].split(" ");
  console.log(`server CPU: user ${(cpu[11] / 100).toFixed(1)} s, system ${(cpu[12] / 100).toFixed(1)} s`);
  if (process.env.TERN_SOAK_VERBOSE) console.log(await (await L.request(p, { path: "/metrics" })).body);
  const m = await L.metrics(p);
  check("0 protocol errors", stats.errors.length === 0, stats.errors.slice(0, 10));
  check("every request answered", stats.ok + stats.aborted + stats.invalid === stats.sent, stats);
  check("nothing left running", settle >= 0 && m["llamacpp:requests_processing"] === 0 && m["llamacpp:requests_deferred"] === 0, m);
  check("no 503 with room in the queue", m["tern:requests_rejected_total"] === 0, m);
  check("open files flat", end.fds <= base.fds + 1, { base, end });
  check("threads flat", end.threads <= base.threads + 1, { base, end });
  // RSS: the allocator may keep some freed memory; a leak grows with the request count.
  // Under a sanitizer freed memory sits in quarantine and the leak check at exit judges.
  if (!process.env.TERN_SERVE_SANITIZED) check("memory flat", end.rss_kb <= base.rss_kb * 1.10 + 8192, { base, end });
  const exit = await S.stop();
  check("clean exit after the soak", exit.code === 0, exit);
  console.log(`soak: ${CLIENTS} clients, ${stats.sent} requests (${JSON.stringify(stats.kinds)}) in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
              `ok ${stats.ok}, aborted ${stats.aborted}, invalid ${stats.invalid}; fds ${base.fds}->${end.fds}, ` +
              `threads ${base.threads}->${end.threads}, RSS ${base.rss_kb}->${end.rss_kb} KiB; cancelled ${m["tern:requests_cancelled_total"]}`);
  process.exit(L.summary("serve soak"));
})().catch((e) => { console.log("FAIL (exception)", e); process.exit(1); });
