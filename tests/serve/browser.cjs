// The chat page in a real browser: Debian's chromium, headless, driven by puppeteer-core.
// It types two messages, watches the reply grow while it streams, and checks the page shows
// exactly what the API returns for the same conversation. A screenshot is kept in
// $TERN_SERVE_OUT.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const L = require("./lib.cjs");
const { check, post, sleep } = L;
const puppeteer = require(path.resolve(process.env.TERN_NPM_DIR, "node_modules", "puppeteer-core"));

(async () => {
  const model = L.genModel("bitnet-b1.58-tiny", 1);
  const S = await L.startServer(model, ["-np", "2", "-c", "1024", "-a", "tiny-chat", "-t", "2"],
                                { env: { TERN_SERVE_TEST_STEP_MS: "25" } });
  const base = `http://127.0.0.1:${S.port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tern-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium", headless: true, userDataDir: profile,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    const consoleErrors = [];
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    await page.setViewport({ width: 900, height: 700 });
    await page.goto(base + "/", { waitUntil: "load" });
    await page.waitForFunction(() => document.getElementById("model").textContent === "tiny-chat", { timeout: 10000 });
    check("page shows the model", true);
    await page.click("summary");
    const set = async (sel, v) => { await page.$eval(sel, (el) => { el.value = ""; }); await page.type(sel, v); };
    await set("#temperature", "0.7");
    await set("#max_tokens", "40");
    await set("#seed", "12");

    const ask = async (n, text) => {
      await page.type("#input", text);
      await page.keyboard.press("Enter");
      // Sample the reply while it streams: it must be seen growing.
      const seen = new Set();
      for (let i = 0; i < 400; i++) {
        const st = await page.$$eval(".assistant", (els, n) => {
          const el = els[n];
          return el ? { text: el.textContent, done: el.dataset.done === "1", finish: el.dataset.finish } : null;
        }, n);
        if (st) seen.add(st.text.length);
        if (st && st.done) return { ...st, partials: seen.size };
        await sleep(20);
      }
      return null;
    };
    const first = await ask(0, "Hello from the browser");
    const body = { messages: [{ role: "user", content: "Hello from the browser" }], temperature: 0.7, max_tokens: 40, seed: 12 };
    const want1 = (await post(S.port, "/v1/chat/completions", body)).json.choices[0];
    check("first reply streamed into the page", first && first.partials >= 3, first);
    check("first reply equals the API's", first && first.text === want1.message.content && first.finish === want1.finish_reason,
          { page: first && first.text, api: want1.message.content });

    const second = await ask(1, "And a follow-up");
    const body2 = { ...body, messages: [...body.messages, { role: "assistant", content: want1.message.content },
                                        { role: "user", content: "And a follow-up" }] };
    const want2 = (await post(S.port, "/v1/chat/completions", body2)).json.choices[0];
    check("follow-up sends the conversation", second && second.text === want2.message.content,
          { page: second && second.text, api: want2.message.content });
    const stats = await page.$$eval(".stats", (els) => els.map((e) => e.textContent));
    check("stats line under each reply", stats.length === 2 && /tokens/.test(stats[0]), stats);
    const out = process.env.TERN_SERVE_OUT || L.work;
    fs.mkdirSync(out, { recursive: true });
    const shot = path.join(out, "chat-page.png");
    await page.screenshot({ path: shot, fullPage: true });
    check("screenshot written", fs.statSync(shot).size > 1000, shot);
    console.log(`screenshot: ${shot}`);
    check("no page errors", consoleErrors.length === 0, consoleErrors);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
    await S.stop();
  }
  process.exit(L.summary("serve chat page in chromium"));
})().catch((e) => { console.log("FAIL (exception)", e); process.exit(1); });
