// The background worker: the only part that talks to the Masthead server.
//
// A content script cannot fetch a loopback server (local-network rules block it), the worker with
// host permissions can. It also holds what the popup shows for each tab, the short-lived cache
// keyed by a hash of the sent page, and the toolbar badge.
"use strict";

if (typeof importScripts === "function" && !(globalThis.Masthead && globalThis.Masthead.settings)) {
  // Chromium's service worker; Firefox lists them in the manifest
  importScripts("/shared/settings.js", "/shared/i18n.js", "/shared/findings.js", "/shared/permissions.js");
}

const api = globalThis.browser || globalThis.chrome;
const { settings: Settings, findings: Findings, permissions: Permissions, i18n } = globalThis.Masthead;
const { t } = i18n; // what the popup and the options show of an error is in the reader's words

const GZIP_OVER = 32 * 1024; // bytes of JSON above which the body is compressed
const TIMEOUT_MS = 20000;
const CACHE_MS = 10 * 60 * 1000;
const CACHE_ENTRIES = 30;
const BADGE = { findings: "#3b5b7a", error: "#9a3b3b" };

// ---------------------------------------------------------------- per-tab state, for the popup

const tabKey = (tabId) => `tab:${tabId}`;

// Tab states are written in the order they were set, and read after every write set before the
// read, so a write need not be awaited on the way to answering the page: the page's answer goes
// first, the bookkeeping after.
let stateWrites = Promise.resolve();

async function tabState(tabId) {
  await stateWrites;
  const key = tabKey(tabId);
  return (await api.storage.session.get(key))[key] || { status: "idle" };
}

function queued(change) {
  const write = stateWrites.then(change);
  stateWrites = write.catch(() => null);
  return write;
}

/** The next task of the worker: a reply the current one sends goes out before it. */
function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * `afterReply`: the write starts in the next task, so the page's answer is not held up by a second
 * copy of the whole result into storage; it is queued now, so a read of the state still waits for it.
 */
function setTabState(tabId, state, { afterReply = false } = {}) {
  return queued(async () => {
    if (afterReply) await nextTask();
    return api.storage.session.set({ [tabKey(tabId)]: { ...state, updated: Date.now() } });
  });
}

/** Forget a tab's state, after any write still queued for it (a late answer for the old page). */
function clearTabState(tabId) {
  return queued(() => api.storage.session.remove(tabKey(tabId))).catch(() => null);
}

async function setBadge(tabId, text, color) {
  try {
    await api.action.setBadgeText({ tabId, text });
    if (text) await api.action.setBadgeBackgroundColor({ tabId, color });
  } catch {
    // the tab is gone
  }
}


// ---------------------------------------------------------------- where the content script runs

// The content script, in the order its parts need one another. It is not in the manifest: by
// default it goes only into the tab the reader clicks Masthead in (activeTab), and on every page
// only while "Analyse articles automatically" is on and the reader granted all sites for it.
const CONTENT_SCRIPTS = [
  "shared/settings.js",
  "shared/i18n.js",
  "shared/findings.js",
  "content/anchoring.js",
  "content/serialize.js",
  "content/render.js",
  "content/reveal.js",
  "content/main.js",
];
const AUTOMATIC = "masthead-automatic";

/** Register the content script for every page exactly when the mode and the permission say so. */
async function syncAutomatic() {
  const settings = await Settings.load();
  const wanted = settings.mode === "auto" && (await Permissions.hasAllSites());
  const registered = (await api.scripting.getRegisteredContentScripts({ ids: [AUTOMATIC] })).length > 0;
  if (wanted && !registered) {
    await api.scripting.registerContentScripts([
      { id: AUTOMATIC, matches: [...Permissions.ALL_SITES], js: CONTENT_SCRIPTS, runAt: "document_end" },
    ]);
  } else if (!wanted && registered) {
    await api.scripting.unregisterContentScripts({ ids: [AUTOMATIC] });
  }
  return wanted;
}

let syncing = Promise.resolve(false);

/** One registration change at a time (two at once would register the same id twice). */
function automatic() {
  syncing = syncing.catch(() => false).then(syncAutomatic);
  return syncing;
}

/** The content script in `tabId`: already there, or put there now (the click granted the tab). */
async function ensureContentScript(tabId) {
  const here = await tellTab(tabId, { type: "where" });
  if (here && typeof here.hostname === "string") return true;
  try {
    await api.scripting.executeScript({ target: { tabId }, files: CONTENT_SCRIPTS });
    return true;
  } catch {
    return false; // a page no extension may read (the browser's own), or no permission for it
  }
}

async function analyzeTab(tabId) {
  if (!(await ensureContentScript(tabId))) return { status: "unreachable" };
  return tellTab(tabId, { type: "analyze-now" });
}

// ---------------------------------------------------------------- the cache

async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function cached(key) {
  const entry = (await api.storage.session.get(key))[key];
  return entry && Date.now() - entry.at < CACHE_MS ? entry.result : null;
}

async function remember(key, result) {
  const all = await api.storage.session.get(null);
  const old = Object.keys(all)
    .filter((k) => k.startsWith("cache:"))
    .sort((a, b) => all[a].at - all[b].at);
  const stale = old.filter((k, i) => Date.now() - all[k].at >= CACHE_MS || i < old.length - CACHE_ENTRIES + 1);
  if (stale.length) await api.storage.session.remove(stale);
  try {
    await api.storage.session.set({ [key]: { at: Date.now(), result } });
  } catch {
    // session storage is full: the answer is simply not cached
  }
}

// ---------------------------------------------------------------- talking to the server

class ServerError extends Error {
  constructor(code, message, status = 0) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

async function gzip(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}

async function request(base, token, path, init = {}) {
  const headers = { Accept: "application/json", ...(init.headers || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(base + path, {
      ...init,
      headers,
      credentials: "omit",
      cache: "no-store",
      redirect: "error",
      signal: controller.signal,
    });
  } catch {
    throw new ServerError("server-down", t("errServerDown", base));
  } finally {
    clearTimeout(timer);
  }
  let body;
  try {
    body = JSON.parse(await response.text());
  } catch {
    throw new ServerError("bad-response", t("errNotJson", base), response.status);
  }
  if (!response.ok) throw explain(response.status, body, base);
  return body;
}

function explain(status, body, base) {
  const said = body && body.error && typeof body.error.message === "string" ? body.error.message : "";
  if (status === 401 || status === 403) {
    return new ServerError("wrong-token", t("errToken"), status);
  }
  if (status === 413) {
    return new ServerError("too-large", t("errTooLarge"), status);
  }
  const words = said ? t("errServerAnsweredSaying", base, status, said) : t("errServerAnswered", base, status);
  return new ServerError("server-error", words, status);
}

function checkAnswer(body) {
  const ok =
    body &&
    typeof body === "object" &&
    Array.isArray(body.annotations) &&
    body.annotations.every((a) => a && typeof a === "object" && typeof a.kind === "string");
  if (!ok) throw new ServerError("bad-response", t("errNotAnalysis"));
  return {
    page: body.page && typeof body.page === "object" ? body.page : {},
    annotations: body.annotations,
    plugins: Array.isArray(body.plugins) ? body.plugins : [],
    cached: Boolean(body.cached),
    ms: typeof body.ms === "number" ? body.ms : null,
    // The language the server worded the findings in (a server from before it: unknown).
    language: typeof body.language === "string" && /^[a-z]{2,3}$/.test(body.language) ? body.language : "",
  };
}

/**
 * The languages the server may write its notices in, as an Accept-Language value: the reader's
 * choice in the options, else the browser's content languages in order ("de, en;q=0.9") — what
 * it sends to every site; the UI language only when it has none.
 */
function noticeLanguage(settings) {
  if (settings.locale) return settings.locale;
  const preferred = (globalThis.navigator && navigator.languages) || [];
  const valid = preferred.filter((tag) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)).slice(0, 6);
  if (valid.length) return valid.map((tag, i) => (i ? `${tag};q=${(1 - i / 10).toFixed(1)}` : tag)).join(", ");
  return (api.i18n && api.i18n.getUILanguage()) || "en";
}

async function analyze(base, token, page, language) {
  const json = JSON.stringify({ url: page.url, html: page.html, title: page.title });
  const headers = { "Content-Type": "application/json", "Accept-Language": language };
  let body = json;
  if (json.length > GZIP_OVER && typeof CompressionStream === "function") {
    body = await gzip(json);
    headers["Content-Encoding"] = "gzip";
  }
  const size = typeof body === "string" ? json.length : body.byteLength;
  const started = performance.now();
  const answer = await request(base, token, "/api/v1/analyze", { method: "POST", headers, body });
  const ms = Math.round(performance.now() - started);
  return { result: checkAnswer(answer), size, gzip: typeof body !== "string", ms };
}

// ---------------------------------------------------------------- the decisions

function whyNot(settings, tab, url, reason) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return "not-http";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "not-http";
  if (tab && tab.incognito && !settings.allowPrivate) return "private";
  if (Settings.isNever(settings, parsed.hostname)) return "never";
  if (reason === "auto" && Settings.onList(settings, "pausedSites", parsed.hostname)) return "paused";
  return null;
}

async function onAnalyze(message, sender) {
  const tab = sender.tab;
  if (!tab) return { status: "error", error: { code: "no-tab", message: t("errNoTab") } };
  const settings = await Settings.load();
  const base = Settings.serverBase(settings);
  const page = message.page;
  const skip = whyNot(settings, tab, page.url, message.reason);
  if (skip) {
    await setTabState(tab.id, { status: "skipped", reason: skip, server: base });
    return { status: "skipped", reason: skip };
  }
  if (!base) {
    const error = { code: "no-server", message: t("errNoServer") };
    await setTabState(tab.id, { status: "error", error, server: settings.serverUrl });
    await setBadge(tab.id, "!", BADGE.error);
    return { status: "error", error };
  }
  const key = "cache:" + (await sha256([base, settings.token, noticeLanguage(settings), page.url, page.title, page.html].join("\n")));
  let result = await cached(key);
  let sent = null;
  if (result) {
    sent = { cachedLocally: true };
  } else {
    setTabState(tab.id, { status: "sending", server: base, reason: message.reason, url: page.url }).catch(() => null);
    try {
      const answer = await analyze(base, settings.token, page, noticeLanguage(settings));
      result = answer.result;
      sent = { size: answer.size, gzip: answer.gzip, ms: answer.ms, at: Date.now() };
      nextTask().then(() => remember(key, result)).catch(() => null); // after the page's answer
    } catch (err) {
      const error = { code: err.code || "error", message: err.message || String(err) };
      await setTabState(tab.id, { status: "error", error, server: base, reason: message.reason });
      await setBadge(tab.id, "!", BADGE.error);
      return { status: "error", error };
    }
  }
  if (message.password) sent.password = true; // sent on a click despite a password field in use
  const hidden = new Set(settings.hiddenPlugins);
  const count = result.annotations.filter((a) => a.display !== "none" && !hidden.has(a.plugin)).length;
  const badge = Findings.badgeCount(result.annotations, settings.hiddenPlugins);
  // After the answer has gone out: the page draws while the popup's state and the badge are written.
  const done = { status: "done", server: base, url: page.url, result, sent, reason: message.reason, count, badge };
  setTabState(tab.id, done, { afterReply: true }).catch(() => null);
  nextTask().then(() => setBadge(tab.id, badge ? String(badge) : "", BADGE.findings));
  const noCollapse = Settings.onList(settings, "noCollapseSites", new URL(page.url).hostname);
  return { status: "done", result, hiddenPlugins: settings.hiddenPlugins, noCollapse };
}

async function onRendered(message, sender) {
  const tab = sender.tab;
  if (!tab) return;
  const state = await tabState(tab.id);
  if (state.status !== "done") return;
  await setTabState(tab.id, {
    ...state,
    unanchored: Array.isArray(message.unanchored) ? message.unanchored.map(String) : [],
    guarded: Array.isArray(message.guarded) ? message.guarded.map(String) : [],
    shown: message.shown | 0,
    strips: message.strips | 0,
    invisible: message.invisible | 0,
  });
}

async function onSkipped(message, sender) {
  if (!sender.tab) return;
  const settings = await Settings.load();
  await setTabState(sender.tab.id, { status: "skipped", reason: String(message.reason), server: Settings.serverBase(settings) });
  await setBadge(sender.tab.id, "", BADGE.findings);
}

async function tellTab(tabId, message) {
  try {
    return await api.tabs.sendMessage(tabId, message);
  } catch {
    return { status: "unreachable" };
  }
}

async function onNeverSite(message) {
  const tab = { id: message.tabId };
  const where = await tellTab(tab.id, { type: "where" });
  if (!where || typeof where.hostname !== "string" || !where.hostname) return { host: null };
  const host = where.hostname.toLowerCase().replace(/^www\./, "");
  const settings = await Settings.load();
  if (!settings.neverSites.includes(host)) {
    await Settings.save({ neverSites: [...settings.neverSites, host].sort() });
  }
  await tellTab(tab.id, { type: "clear" });
  await setTabState(tab.id, { status: "skipped", reason: "never", server: Settings.serverBase(settings) });
  await setBadge(tab.id, "", BADGE.findings);
  return { host };
}

async function onServerInfo(message) {
  const settings = { ...(await Settings.load()), ...(message.settings || {}) };
  const base = Settings.serverBase(settings);
  if (!base) return { ok: false, error: { code: "no-server", message: t("errNotHttp") } };
  try {
    const health = await request(base, settings.token, "/api/v1/health");
    const plugins = await request(base, settings.token, "/api/v1/plugins");
    return { ok: true, server: base, health, plugins };
  } catch (err) {
    return { ok: false, server: base, error: { code: err.code || "error", message: err.message } };
  }
}

// ---------------------------------------------------------------- "This is wrong"

const FEEDBACK_FIELDS = ["id", "plugin", "kind", "title", "display", "presentation"];

/** What identifies a finding, and nothing it quotes from the page (no target, no data). */
function findingOf(annotation) {
  const finding = {};
  for (const field of FEEDBACK_FIELDS) {
    if (annotation && typeof annotation[field] === "string" && annotation[field]) finding[field] = annotation[field];
  }
  return finding;
}

async function onFeedback(message) {
  const settings = await Settings.load();
  const base = Settings.serverBase(settings);
  if (!base) return { ok: false, error: { code: "no-server", message: t("errNoServer") } };
  const report = { url: String(message.url || ""), finding: findingOf(message.annotation) };
  if (message.note) report.note = String(message.note);
  try {
    const body = JSON.stringify(report);
    const answer = await request(base, settings.token, "/api/v1/feedback", { method: "POST", headers: { "Content-Type": "application/json" }, body });
    return { ok: true, id: answer.id };
  } catch (err) {
    return { ok: false, error: { code: err.code || "error", message: err.message } };
  }
}

// ---------------------------------------------------------------- keyboard commands

const openTabs = new Set(); // tabs whose collapsed items the reader opened with the shortcut

async function onCommand(command) {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (!tab) return;
  if (command === "analyze-page") await analyzeTab(tab.id);
  if (command === "show-collapsed") {
    const show = !openTabs.has(tab.id);
    if (show) openTabs.add(tab.id);
    else openTabs.delete(tab.id);
    await tellTab(tab.id, { type: "show-collapsed", show });
  }
}

// `onCommand` itself is the listener: the keyboard test checks Chromium holds this very function.
if (api.commands && api.commands.onCommand) api.commands.onCommand.addListener(onCommand);

const HANDLERS = {
  analyze: onAnalyze,
  rendered: onRendered,
  skipped: onSkipped,
  "tab-state": (message) => tabState(message.tabId),
  "analyze-tab": (message) => analyzeTab(message.tabId),
  automatic: () => automatic(),
  "show-collapsed": (message) => tellTab(message.tabId, { type: "show-collapsed", show: Boolean(message.show) }),
  "never-site": onNeverSite,
  "server-info": onServerInfo,
  feedback: onFeedback,
};

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = message && HANDLERS[message.type];
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(message, sender))
    .then(sendResponse, (err) => sendResponse({ status: "error", error: { code: "internal", message: String(err && err.message) } }));
  return true; // answered asynchronously
});

api.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === "loading" && change.url) {
    clearTabState(tabId);
    setBadge(tabId, "", BADGE.findings);
  }
});

api.tabs.onRemoved.addListener((tabId) => {
  clearTabState(tabId);
});

// The registration follows the mode and the permission, whichever changes, and is checked again
// whenever the worker starts (the reader can take the permission back in the browser's settings).
api.permissions.onAdded.addListener(() => automatic());
api.permissions.onRemoved.addListener(() => automatic());
api.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes.mode) automatic();
});
automatic().catch(() => null);
