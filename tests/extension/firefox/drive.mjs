// Debian's firefox-esr with the real extension, driven over WebDriver BiDi (no geckodriver, no
// extra package): start it headless with its remote agent, install extension/src as a temporary
// add-on (webExtension.install), open each page and report what Masthead drew in it, as JSON.
//
//   node --experimental-websocket drive.mjs FIREFOX EXTENSION_DIR '[{"url": ..., "wait": ms}, ...]'
//
// Each page is read once its banner is drawn, or after `wait` milliseconds.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [firefox, extension, pages] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "masthead-firefox-"));
// Third-party hosts fail at once, as in the Chromium tests; no first-run pages or updates.
writeFileSync(
  join(profile, "user.js"),
  [
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("app.update.enabled", false);',
    'user_pref("extensions.update.enabled", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("network.proxy.type", 1);',
    'user_pref("network.proxy.http", "127.0.0.1");',
    'user_pref("network.proxy.http_port", 9);',
    'user_pref("network.proxy.no_proxies_on", "127.0.0.1, localhost");',
    'user_pref("network.proxy.allow_hijacking_localhost", false);',
  ].join("\n") + "\n",
);

const child = spawn(firefox, ["--headless", "--no-remote", "--profile", profile, "--remote-debugging-port=0"], {
  stdio: ["ignore", "ignore", "pipe"],
});
const endpoint = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("firefox did not start its remote agent")), 60000);
  let seen = "";
  child.stderr.on("data", (chunk) => {
    seen += String(chunk);
    const found = seen.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
    if (found) {
      clearTimeout(timer);
      resolve(found[1]);
    }
  });
  child.on("exit", (code) => reject(new Error(`firefox exited (${code}): ${seen.slice(-500)}`)));
});

const socket = new WebSocket(`${endpoint}/session`);
await new Promise((resolve, reject) => {
  socket.addEventListener("open", resolve);
  socket.addEventListener("error", reject);
});
let next = 0;
const pending = new Map();
socket.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.id && pending.has(message.id)) {
    pending.get(message.id)(message);
    pending.delete(message.id);
  }
});
async function send(method, params = {}) {
  const id = ++next;
  const answer = await new Promise((resolve) => {
    pending.set(id, resolve);
    socket.send(JSON.stringify({ id, method, params }));
  });
  if (answer.type === "error") throw new Error(`${method}: ${answer.error}: ${answer.message}`);
  return answer.result;
}
async function evaluate(context, expression) {
  const result = await send("script.evaluate", { target: { context }, expression, awaitPromise: true });
  if (result.type === "exception") throw new Error(result.exceptionDetails.text);
  return JSON.parse(result.result.value);
}

// What Masthead drew, read from the page (its shadow roots are open).
const DRAWN = `JSON.stringify((() => {
  const host = document.querySelector("masthead-ui");
  const banner = host && host.shadowRoot && host.shadowRoot.querySelector(".banner");
  return {
    banner: banner ? banner.innerText : null,
    strips: [...document.querySelectorAll("masthead-strip")].map((s) => s.shadowRoot.querySelector(".strip").textContent),
    stamped: document.querySelectorAll("[data-masthead-id]").length,
    title: document.title,
  };
})())`;

const report = { browser: null, extension: null, pages: [] };
try {
  const session = await send("session.new", { capabilities: {} });
  report.browser = `${session.capabilities.browserName} ${session.capabilities.browserVersion}`;
  report.extension = (await send("webExtension.install", { extensionData: { type: "path", path: extension } })).extension;
  const { context } = await send("browsingContext.create", { type: "tab" });
  for (const { url, wait } of JSON.parse(pages)) {
    await send("browsingContext.navigate", { context, url, wait: "complete" });
    let drawn = await evaluate(context, DRAWN);
    const deadline = Date.now() + wait;
    while (!drawn.banner && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      drawn = await evaluate(context, DRAWN);
    }
    report.pages.push({ url, ...drawn });
  }
  await send("session.end");
} catch (err) {
  report.error = String(err && err.message);
} finally {
  socket.close();
  child.kill();
  await new Promise((r) => setTimeout(r, 500));
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(report));
process.exit(report.error ? 1 : 0);
