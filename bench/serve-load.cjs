// Load for `tern serve` (scripts/bench-serve.sh runs it): for each concurrency C, C streams
// start together, each with its own short prompt, and generate N tokens. Reports aggregate
// generated tokens/s over the wall time, time to first token and inter-token latency
// (median and p99 over every stream), per-stream decode rate, and the speed-up over one
// stream. Node's standard library only.
//   node bench/serve-load.cjs --port P [--streams 1,2,4,8,16] [--tokens 64] [--rounds 2] [--json FILE]
"use strict";
const http = require("node:http");
const fs = require("node:fs");

const arg = (name, def) => {
  const i = process.argv.indexOf("--" + name);
  return i > 0 ? process.argv[i + 1] : def;
};
const port = Number(arg("port"));
const streams = arg("streams", "1,2,4,8,16").split(",").map(Number);
const tokens = Number(arg("tokens", 64));
const rounds = Number(arg("rounds", 2));
const jsonOut = arg("json", null);

function one(i, c, round) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({
      messages: [{ role: "user", content: `Stream ${i} of ${c}, round ${round}: tell me a long story about ternary weights.` }],
      max_tokens: tokens, temperature: 0.8, seed: 1000 * round + i, stream: true, stream_options: { include_usage: true },
    });
    const t0 = performance.now();
    const out = { t0, first: 0, times: [], usage: null, timings: null, end: 0 };
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/v1/chat/completions", agent: false,
                               headers: { "Content-Type": "application/json" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error("status " + res.statusCode));
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (d) => {
        buf += d;
        let e;
        while ((e = buf.indexOf("\n\n")) >= 0) {
          const ev = buf.slice(0, e);
          buf = buf.slice(e + 2);
          if (!ev.startsWith("data: ") || ev === "data: [DONE]") continue;
          const j = JSON.parse(ev.slice(6));
          if (j.error) return reject(new Error(j.error.message));
          const ch = j.choices && j.choices[0];
          if (ch && ch.delta && ch.delta.content) {
            const now = performance.now();
            if (!out.first) out.first = now;
            out.times.push(now);
          }
          if (j.timings) out.timings = j.timings;
          if (j.usage) out.usage = j.usage;
        }
      });
      res.on("end", () => { out.end = performance.now(); resolve(out); });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const quantile = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

(async () => {
  const rows = [];
  for (const c of streams) {
    const ttft = [], itl = [], perStream = [];
    let gen = 0, wall = 0;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const rs = await Promise.all(Array.from({ length: c }, (_, i) => one(i, c, r)));
      wall += (Math.max(...rs.map((x) => x.end)) - t0) / 1e3;
      for (const x of rs) {
        gen += x.usage.completion_tokens;
        ttft.push(x.first - x.t0);
        for (let k = 1; k < x.times.length; k++) itl.push(x.times[k] - x.times[k - 1]);
        if (x.timings && x.timings.predicted_ms > 0) perStream.push(1e3 * x.timings.predicted_n / x.timings.predicted_ms);
      }
    }
    rows.push({ streams: c, generated: gen, seconds: wall, tokens_per_s: gen / wall,
                ttft_ms: { median: quantile(ttft, 0.5), p99: quantile(ttft, 0.99), n: ttft.length },
                itl_ms: { median: quantile(itl, 0.5), p99: quantile(itl, 0.99), n: itl.length },
                stream_tokens_per_s: quantile(perStream, 0.5) });
    const x = rows[rows.length - 1];
    process.stderr.write(`  ${c} streams: ${x.tokens_per_s.toFixed(1)} tokens/s\n`);
  }
  const base = rows[0].tokens_per_s;
  console.log(`| streams | generated | aggregate tokens/s | × 1 stream | TTFT median / p99 (ms) | ITL median / p99 (ms) | per-stream tokens/s |`);
  console.log(`|---:|---:|---:|---:|---:|---:|---:|`);
  for (const x of rows) {
    console.log(`| ${x.streams} | ${x.generated} | ${x.tokens_per_s.toFixed(1)} | ${(x.tokens_per_s / base).toFixed(2)} | ` +
                `${x.ttft_ms.median.toFixed(0)} / ${x.ttft_ms.p99.toFixed(0)} | ${x.itl_ms.median.toFixed(0)} / ${x.itl_ms.p99.toFixed(0)} | ` +
                `${x.stream_tokens_per_s.toFixed(1)} |`);
  }
  console.log(`(${rounds} rounds per row; TTFT percentiles over ${rounds}×streams samples, ITL over every gap between content deltas)`);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ tokens, rounds, rows }, null, 2));
})().catch((e) => { console.error("serve-load:", e.message); process.exit(1); });
