// Outgrowing one machine: two `tern serve` replicas behind Debian's HAProxy, which checks
// GET /health. Requests spread over both; one replica killed mid-run loses only the streams
// it was serving, and every request sent after the kill is answered by the other.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");
const L = require("./lib.cjs");
const { check, post, request, stream, payloads, sleep } = L;

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => { const p = srv.address().port; srv.close(() => resolve(p)); });
  });
}

// The recipe of README.md "Several replicas behind HAProxy", with test ports.
const config = (port, a, b) => `global
    maxconn 1024
defaults
    mode http
    timeout connect 2s
    timeout client 10m
    timeout server 10m
    option redispatch
    retries 3
    retry-on conn-failure empty-response
frontend tern
    bind 127.0.0.1:${port}
    default_backend replicas
backend replicas
    balance leastconn
    option httpchk GET /health
    http-check expect status 200
    http-response set-header X-Tern-Replica %[srv_name]
    server a 127.0.0.1:${a} check inter 200ms fall 2 rise 1
    server b 127.0.0.1:${b} check inter 200ms fall 2 rise 1
`;

(async () => {
  const model = L.genModel("bitnet-b1.58-tiny", 1);
  const args = ["-np", "4", "-c", "512", "-t", "1"];
  const env = { env: { TERN_SERVE_TEST_STEP_MS: "15" } };
  const [A, B] = await Promise.all([L.startServer(model, args, env), L.startServer(model, args, env)]);
  const port = await freePort();
  const cfg = path.join(L.work, "haproxy.cfg");
  fs.writeFileSync(cfg, config(port, A.port, B.port));
  const hap = spawn("haproxy", ["-f", cfg, "-db"], { stdio: ["ignore", "ignore", "pipe"] });
  let hapLog = "";
  hap.stderr.on("data", (d) => (hapLog += d));
  process.on("exit", () => hap.kill("SIGKILL"));
  try {
    await L.waitHealthy(port, 10000);
    const req = (i, extra = {}) => ({ messages: [{ role: "user", content: "request " + i }], max_tokens: 6, seed: i, ...extra });
    // Spread: concurrent requests land on both replicas.
    const first = await Promise.all(Array.from({ length: 16 }, (_, i) => post(port, "/v1/chat/completions", req(i))));
    const by = (rs) => rs.reduce((m, r) => ((m[r.headers["x-tern-replica"]] = (m[r.headers["x-tern-replica"]] || 0) + 1), m), {});
    const spread = by(first);
    check("all answered through the balancer", first.every((r) => r.status === 200 && r.json.choices[0].message), first.map((r) => r.status));
    check("requests spread over both replicas", spread.a >= 3 && spread.b >= 3, spread);

    // Long streams on both, then replica a dies.
    const long = Array.from({ length: 6 }, (_, i) => stream(port, "/v1/chat/completions", req(100 + i, { max_tokens: 150, stream: true })));
    await sleep(600);
    A.proc.kill("SIGKILL");
    const tKill = Date.now();
    // New requests, starting right away and while HAProxy still thinks a may be up.
    const after = [];
    for (let i = 0; i < 12; i++) {
      after.push(post(port, "/v1/chat/completions", req(200 + i)));
      await sleep(50);
    }
    const afterR = await Promise.all(after);
    const streams = await Promise.all(long);
    const onA = streams.filter((s) => s.headers["x-tern-replica"] === "a");
    const onB = streams.filter((s) => s.headers["x-tern-replica"] === "b");
    check("streams ran on both", onA.length > 0 && onB.length > 0, streams.map((s) => s.headers["x-tern-replica"]));
    check("streams on the live replica complete", onB.every((s) => payloads(s.events).pop() === "[DONE]" && s.ended),
          onB.map((s) => s.raw.slice(-60)));
    check("streams on the dead replica cut", onA.every((s) => payloads(s.events).pop() !== "[DONE]"), onA.map((s) => s.raw.slice(-60)));
    check("every request after the kill answered", afterR.every((r) => r.status === 200 && r.headers["x-tern-replica"] === "b"),
          afterR.map((r) => [r.status, r.headers["x-tern-replica"]]));
    const sum = await request(port, { path: "/v1/models" });
    check("the balancer still serves", sum.status === 200, sum.status);
    console.log(`spread ${JSON.stringify(spread)}; streams a ${onA.length} (cut) b ${onB.length}; ` +
                `${afterR.length} requests after the kill in ${Date.now() - tKill} ms, all on b`);
  } finally {
    hap.kill("SIGTERM");
    await B.stop();
  }
  process.exit(L.summary("serve behind HAProxy"));
})().catch((e) => { console.log("FAIL (exception)", e); process.exit(1); });
