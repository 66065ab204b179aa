// Shared by the server tests: start/stop a `tern serve` on a free loopback port, plain HTTP
// requests, an SSE parser written from the spec (not from the server's code), Prometheus
// text, process statistics, and a tally of checks. Node's standard library only.
"use strict";
const { spawn, execFileSync } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const os = require("node:os");

const TERN = process.env.TERN;
if (!TERN) { console.error("set TERN to the tern binary"); process.exit(2); }

// ---------------------------------------------------------------------------- checks

let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; return true; }
  failed++;
  console.log(`FAIL ${name}${detail !== undefined ? ": " + (typeof detail === "string" ? detail : JSON.stringify(detail)) : ""}`);
  return false;
}
function summary(what) {
  console.log(`${what}: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------- models and servers

const work = fs.mkdtempSync(path.join(os.tmpdir(), "tern-serve-test-"));
process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));

function genModel(preset, seed) {
  const out = path.join(work, `${preset}-${seed}.gguf`);
  if (!fs.existsSync(out)) execFileSync(TERN, ["gen-model", "--preset", preset, "--out", out, "--seed", String(seed)], { stdio: "ignore" });
  return out;
}

const servers = new Set();
process.on("exit", () => { for (const s of servers) try { s.proc.kill("SIGKILL"); } catch (e) {} });

// Starts `tern serve -m model --port 0 args...`; resolves once it listens (and, unless
// opts.noWait, once /health says ok).
async function startServer(model, args = [], opts = {}) {
  const proc = spawn(TERN, ["serve", "-m", model, "--port", "0", "--host", "127.0.0.1", ...args],
                     { env: { ...process.env, ...(opts.env || {}) }, stdio: ["ignore", "ignore", "pipe"] });
  const s = { proc, log: "", port: 0, exited: null };
  servers.add(s);
  proc.stderr.on("data", (d) => { s.log += d; });
  const exited = new Promise((r) => proc.on("exit", (code, sig) => { s.exited = { code, sig }; servers.delete(s); r(s.exited); }));
  s.exit = exited;
  const t0 = Date.now();
  while (!s.port) {
    const m = /listening on http:\/\/[^:]+:(\d+)/.exec(s.log);
    if (m) s.port = Number(m[1]);
    else if (s.exited || Date.now() - t0 > 30000) throw new Error("server did not start: " + s.log);
    else await sleep(20);
  }
  s.pid = proc.pid;
  // Stops the server and checks it went cleanly: exit 0 and no sanitizer report in its log.
  s.stop = async (sig = "SIGTERM", ms = 15000) => {
    if (!s.exited) {
      proc.kill(sig);
      const timer = setTimeout(() => proc.kill("SIGKILL"), ms);
      await exited;
      clearTimeout(timer);
    }
    check(`server on port ${s.port} exits cleanly`, s.exited.code === 0, { exit: s.exited, log: s.log.slice(-2000) });
    const report = /(WARNING: ThreadSanitizer|ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:)[^\n]*/.exec(s.log);
    check(`server on port ${s.port}: no sanitizer report`, !report, report && s.log.slice(report.index, report.index + 3000));
    return s.exited;
  };
  if (!opts.noWait) await waitHealthy(s.port);
  return s;
}

async function waitHealthy(port, ms = 60000) {
  const t0 = Date.now();
  for (;;) {
    try { if ((await request(port, { path: "/health" })).status === 200) return; } catch (e) {}
    if (Date.now() - t0 > ms) throw new Error("server never became healthy");
    await sleep(25);
  }
}

// ---------------------------------------------------------------------------- HTTP

// One request on a fresh connection. Resolves {status, headers, body, json}.
function request(port, { method = "GET", path = "/", headers = {}, body, timeout = 60000, host = "127.0.0.1" } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const req = http.request({ host, port, method, path, headers: { ...(data !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
                               agent: false, timeout }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json;
        try { json = JSON.parse(text); } catch (e) {}
        resolve({ status: res.statusCode, headers: res.headers, body: text, json, complete: res.complete });
      });
      res.on("error", reject);
      res.on("aborted", () => reject(new Error("response aborted")));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

const post = (port, path, body, headers = {}) => request(port, { method: "POST", path, body, headers });

// SSE, from the WHATWG spec: events end at a blank line; "data:" lines join with \n;
// lines starting with ":" are comments.
function parseSSE(text) {
  const events = [];
  for (const block of text.replace(/\r\n/g, "\n").split("\n\n")) {
    if (block === "") continue;
    const ev = { data: null, comments: 0, fields: [] };
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) { ev.comments++; continue; }
      const i = line.indexOf(":");
      const name = i < 0 ? line : line.slice(0, i);
      let value = i < 0 ? "" : line.slice(i + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      ev.fields.push(name);
      if (name === "data") ev.data = ev.data === null ? value : ev.data + "\n" + value;
    }
    events.push(ev);
  }
  return events;
}

// A streamed request read as it arrives. opts.abortAfter(ms) / opts.abortWhen(events) cut
// the connection; resolves {status, headers, events, text, aborted, ended, tEvents}.
function stream(port, path, body, opts = {}) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const t0 = Date.now();
    const out = { status: 0, headers: {}, events: [], raw: "", aborted: false, ended: false, times: [], error: null };
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path, agent: false,
                               headers: { "Content-Type": "application/json", ...(opts.headers || {}) } }, (res) => {
      out.status = res.statusCode;
      out.headers = res.headers;
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        out.raw += c;
        buf += c;
        let end;
        while ((end = buf.indexOf("\n\n")) >= 0) {
          const evs = parseSSE(buf.slice(0, end + 2));
          buf = buf.slice(end + 2);
          for (const e of evs) { out.events.push(e); out.times.push(Date.now() - t0); }
          if (opts.abortWhen && !out.aborted && opts.abortWhen(out.events)) { out.aborted = true; req.destroy(); resolve(out); }
        }
      });
      res.on("end", () => { out.ended = res.complete; resolve(out); });
      res.on("error", (e) => { out.error = e; resolve(out); });
      res.on("aborted", () => { out.error = new Error("aborted"); });
    });
    req.on("error", (e) => { if (out.aborted) return; out.error = e; resolve(out); });
    if (opts.abortAfter !== undefined) setTimeout(() => { out.aborted = true; req.destroy(); resolve(out); }, opts.abortAfter);
    req.write(data);
    req.end();
  });
}

// The JSON payloads of a stream's data events, [DONE] as the string "[DONE]".
function payloads(events) {
  return events.filter((e) => e.data !== null).map((e) => (e.data === "[DONE]" ? "[DONE]" : JSON.parse(e.data)));
}

function deltaText(events) {
  let s = "";
  for (const p of payloads(events)) {
    if (p === "[DONE]" || !p.choices || !p.choices[0]) continue;
    const c = p.choices[0];
    if (c.delta && typeof c.delta.content === "string") s += c.delta.content;
    if (typeof c.text === "string") s += c.text;
  }
  return s;
}

async function metrics(port, headers = {}) {
  const r = await request(port, { path: "/metrics", headers });
  const m = {};
  for (const line of r.body.split("\n")) {
    const mm = /^([a-zA-Z_:][a-zA-Z0-9_:]*) ([-+0-9.eE]+|NaN)$/.exec(line);
    if (mm) m[mm[1]] = Number(mm[2]);
  }
  return m;
}

// Waits until pred(metrics) holds; returns the milliseconds it took, or -1 after ms.
async function waitMetrics(port, pred, ms = 5000, headers = {}) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (pred(await metrics(port, headers))) return Date.now() - t0;
    await sleep(20);
  }
  return -1;
}

function procStats(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  const threads = Number(/Threads:\s+(\d+)/.exec(status)[1]);
  const fds = fs.readdirSync(`/proc/${pid}/fd`).length;
  return { rss_kb: rss, fds, threads };
}

// The BitNet 2B4T chat format, written from its documentation (runtime/text/chat.c's header
// comment), to count prompt tokens independently of the server's renderer.
function bitnetPrompt(messages) {
  const name = { system: "System: ", user: "User: ", assistant: "Assistant: " };
  return "<|begin_of_text|>" + messages.map((m) => name[m.role] + m.content + "<|eot_id|>").join("") + "Assistant: ";
}

module.exports = { TERN, work, check, summary, sleep, genModel, startServer, waitHealthy, request, post, parseSSE, stream,
                   payloads, deltaText, metrics, waitMetrics, procStats, bitnetPrompt };
