// The popup: what was found on this tab, where it was sent, and the three actions.
// Opening it on a page that was not analysed yet analyses it: that is the "toolbar click".
"use strict";

const api = globalThis.browser || globalThis.chrome;
const { settings: Settings } = globalThis.Masthead;

const SKIPPED = {
  password: "Not sent automatically: this page has a password field in use. Analyse this page sends its text, never what is typed in its forms.",
  never: "Not sent: this site is on your never-list.",
  private: "Not sent: this is a private window. You can allow private windows in the options.",
  "not-http": "Masthead only reads web pages (http and https).",
};

const PASSWORD_SENT = "This page has a password field in use: its text and layout were sent, nothing typed in its forms.";

const $ = (id) => document.getElementById(id);
let tabId = null;
let showing = false;

function node(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text != null) el.textContent = String(text);
  return el;
}

function setStatus(message, isError = false) {
  $("status").textContent = message;
  $("status").classList.toggle("error", isError);
}

function describe(state) {
  switch (state.status) {
    case "sending":
      return ["Sending this page to the server…", false];
    case "done": {
      const n = state.count || 0;
      const found = n ? `${n} ${n === 1 ? "finding" : "findings"}` : "Nothing to show on this page";
      if (state.sent && state.sent.cachedLocally) return [`${found}. Shown from a recent answer; the page was not sent again.`, false];
      const ms = state.sent && typeof state.sent.ms === "number" ? ` in ${state.sent.ms} ms` : "";
      const kb = state.sent && state.sent.size ? ` (${Math.max(1, Math.round(state.sent.size / 1024))} kB sent${state.sent.gzip ? ", compressed" : ""})` : "";
      const withheld = state.sent && state.sent.password ? ` ${PASSWORD_SENT}` : "";
      return [`${found}. The server answered${ms}${kb}.${withheld}`, false];
    }
    case "error":
      return [(state.error && state.error.message) || "Something went wrong.", true];
    case "skipped":
      return [SKIPPED[state.reason] || "Not sent.", false];
    case "unreachable":
      return ["Masthead cannot read this tab. If it was open before Masthead was installed, reload it.", false];
    default:
      return ["This page has not been analysed.", false];
  }
}

const DISPLAY_ORDER = { banner: 0, highlight: 1, badge: 2, collapse: 3 };

/** Plugins in the order a reader wants them: the notice first, then passages, then promos. */
function groupByPlugin(annotations, hidden) {
  const groups = new Map();
  for (const a of annotations) {
    if (a.display === "none" || hidden.has(a.plugin)) continue;
    if (!groups.has(a.plugin)) groups.set(a.plugin, []);
    groups.get(a.plugin).push(a);
  }
  const rank = (list) => Math.min(...list.map((a) => DISPLAY_ORDER[a.display] ?? 4));
  return [...groups].sort((x, y) => rank(x[1]) - rank(y[1]));
}

function drawFindings(state, hidden) {
  const box = $("findings");
  box.replaceChildren();
  if (state.status !== "done" || !state.result) return;
  const unanchored = new Set(state.unanchored || []);
  for (const [plugin, list] of groupByPlugin(state.result.annotations, hidden)) {
    box.append(node("h2", null, plugin));
    const ul = node("ul", "plugin");
    const labels = []; // findings that are only a label (a collapsed promo) share one line
    for (const a of list) {
      const lost = unanchored.has(String(a.id));
      if (!a.text && !lost) {
        labels.push(a.title || a.kind);
        continue;
      }
      const li = node("li", "finding");
      li.dataset.annotation = String(a.id);
      li.append(node("div", "title", a.title || a.kind));
      if (a.text) li.append(node("div", "text", a.text));
      if (lost) li.append(node("div", "where", "Not found on the page."));
      ul.append(li);
    }
    if (labels.length) ul.append(node("li", "finding labels", labels.join(" · ")));
    box.append(ul);
  }
  for (const p of state.result.plugins || []) {
    if (p && p.status && p.status !== "ok") {
      box.append(node("p", "plugin-error", `Plugin ${p.name}: ${p.status}${p.error ? ` (${p.error})` : ""}`));
    }
  }
}

async function refresh() {
  const settings = await Settings.load();
  const state = await api.runtime.sendMessage({ type: "tab-state", tabId });
  const [message, isError] = describe(state);
  setStatus(message, isError);
  const server = state.server || Settings.serverBase(settings) || settings.serverUrl;
  $("server").textContent = state.status === "done" || state.status === "error" ? `Server: ${server}` : `Server: ${server} (nothing sent)`;
  drawFindings(state, new Set(settings.hiddenPlugins));
  return state;
}

async function analyzeNow() {
  setStatus("Sending this page to the server…");
  const reply = await api.runtime.sendMessage({ type: "analyze-tab", tabId });
  const state = await refresh();
  if (reply && reply.status === "unreachable" && state.status === "idle") {
    const [message] = describe(reply);
    setStatus(message);
  }
}

async function main() {
  const fromQuery = new URLSearchParams(location.search).get("tab");
  if (fromQuery) tabId = Number(fromQuery);
  else [{ id: tabId }] = await api.tabs.query({ active: true, currentWindow: true });
  $("analyze").addEventListener("click", analyzeNow);
  $("never").addEventListener("click", async () => {
    const { host } = await api.runtime.sendMessage({ type: "never-site", tabId });
    await refresh();
    if (host) setStatus(`Masthead will never send pages from ${host}. You can undo this in the options.`);
  });
  $("show").addEventListener("click", async () => {
    showing = !showing;
    await api.runtime.sendMessage({ type: "show-collapsed", tabId, show: showing });
    $("show").textContent = showing ? "Collapse them again" : "Show collapsed items";
    $("show").setAttribute("aria-pressed", String(showing));
  });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "session" && changes[`tab:${tabId}`]) refresh();
  });
  const state = await refresh();
  if (state.status === "idle") await analyzeNow();
}

main().catch((err) => setStatus(`Masthead could not read this tab: ${err.message}`, true));
