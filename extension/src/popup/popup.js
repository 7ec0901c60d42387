// The popup: who published this page and how its claims are sourced, in the reader's words; the
// clutter Masthead folded away, as a list; per-site controls; and "This is wrong" on each finding.
// Opening it on a page that was not analysed yet analyses it: that is the "toolbar click".
"use strict";

const api = globalThis.browser || globalThis.chrome;
const { settings: Settings, i18n, findings: Findings } = globalThis.Masthead;
const { t } = i18n;

const SKIPPED = {
  password: "skippedPassword",
  never: "skippedNever",
  paused: "skippedPaused",
  private: "skippedPrivate",
  "not-http": "skippedNotHttp",
};

const $ = (id) => document.getElementById(id);
let tabId = null;
let host = ""; // the tab's site, as the per-site lists name it
let showing = false;

function node(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text != null) el.textContent = String(text);
  return el;
}

function button(className, text, onClick) {
  const el = node("button", className, text);
  el.type = "button";
  el.addEventListener("click", onClick);
  return el;
}

function setStatus(message, isError = false) {
  $("status").textContent = message;
  $("status").classList.toggle("error", isError);
}

function describe(state) {
  switch (state.status) {
    case "sending":
      return [t("statusSending"), false];
    case "done": {
      const n = state.count || 0;
      const found = n ? t(n === 1 ? "foundOne" : "foundMany", n) : t("foundNone");
      if (state.sent && state.sent.cachedLocally) return [t("statusCachedLocally", found), false];
      const withheld = state.sent && state.sent.password ? ` ${t("passwordSent")}` : "";
      if (state.sent && typeof state.sent.ms === "number" && state.sent.size) {
        const kb = Math.max(1, Math.round(state.sent.size / 1024));
        return [t(state.sent.gzip ? "statusAnsweredCompressed" : "statusAnswered", found, state.sent.ms, kb) + withheld, false];
      }
      return [found + withheld, false];
    }
    case "error":
      return [(state.error && state.error.message) || t("statusError"), true];
    case "skipped":
      return [t(SKIPPED[state.reason] || "skippedOther"), false];
    case "unreachable":
      return [t("statusUnreachable"), false];
    default:
      return [t("statusIdle"), false];
  }
}

// ---------------------------------------------------------------- the provenance line

function drawProvenance(state) {
  const line = $("provenance");
  const done = state.status === "done" && state.result;
  const parts = done ? Findings.provenanceParts(state.result.annotations, { t, language: i18n.language(), host }) : [];
  line.replaceChildren();
  line.hidden = !parts.length;
  parts.forEach(([what, text], i) => {
    if (i) line.append(document.createTextNode(" · "));
    line.append(node("span", `fact fact-${what}`, text));
  });
}

// ---------------------------------------------------------------- findings

async function reveal(annotation, item) {
  let reply = null;
  try {
    reply = await api.tabs.sendMessage(tabId, { type: "reveal", id: String(annotation.id) });
  } catch {
    reply = null;
  }
  if (!reply || !reply.found) {
    item.querySelector(".where")?.remove();
    item.append(node("div", "where", t("notOnPage")));
  }
}

function feedbackForm(annotation, item, state) {
  const form = node("form", "feedback");
  const label = node("label", null, t("feedbackNoteLabel"));
  const note = node("textarea");
  note.rows = 2;
  note.maxLength = 1000;
  label.append(note);
  const send = node("button", null, t("feedbackSend"));
  send.type = "submit";
  const cancel = button(null, t("feedbackCancel"), () => form.remove());
  const hint = node("p", "muted hint", t("feedbackWhat"));
  form.append(label, hint, send, document.createTextNode(" "), cancel);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    send.disabled = true;
    const reply = await api.runtime.sendMessage({ type: "feedback", url: state.url, annotation, note: note.value.trim() });
    const done = node("p", reply && reply.ok ? "sent" : "error", reply && reply.ok ? t("feedbackThanks") : (reply && reply.error && reply.error.message) || t("statusError"));
    done.setAttribute("role", "status");
    form.replaceWith(done);
    item.querySelector(".wrong").disabled = Boolean(reply && reply.ok);
  });
  return form;
}

function shorten(text, length) {
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}

/** "Also appeared on": where the server's origin index found this page's text earlier. */
function alsoAppearedOn(annotation) {
  const data = annotation.data || {};
  const found = annotation.kind === "text-origin" ? data : data.text_origin;
  if (!found || !/^https?:\/\//.test(String(found.origin_url || ""))) return null;
  const line = node("div", "also", `${t("alsoAppearedOn")} `);
  const link = node("a", null, found.origin_domain || found.origin_url);
  link.href = found.origin_url;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  line.append(link);
  return line;
}

function findingItem(annotation, state, unanchored) {
  const li = node("li", "finding");
  li.dataset.annotation = String(annotation.id);
  li.dataset.presentation = Findings.presentationOf(annotation);
  const title = annotation.title || annotation.kind;
  const quote = shorten(Findings.quoteOf(annotation), Findings.presentationOf(annotation) === "clutter" ? 90 : 240);
  if (Findings.canReveal(annotation, unanchored)) {
    const jump = button("jump", null, () => reveal(annotation, li));
    jump.title = t("revealHint");
    jump.append(node("span", "title", title));
    if (quote) jump.append(node("q", "quote", quote));
    li.append(jump);
  } else {
    li.append(node("div", "title", title));
    if (quote) li.append(node("q", "quote", quote));
  }
  if (annotation.text && annotation.text !== quote) li.append(node("div", "text", annotation.text));
  const also = alsoAppearedOn(annotation);
  if (also) li.append(also);
  if (unanchored.has(String(annotation.id))) li.append(node("div", "where", t("notOnPage")));
  const wrong = button("wrong", t("feedbackButton"), () => {
    if (!li.querySelector("form.feedback")) li.append(feedbackForm(annotation, li, state));
    li.querySelector("form.feedback textarea").focus();
  });
  wrong.setAttribute("aria-label", t("feedbackButtonLabel", title));
  li.append(wrong);
  return li;
}

function drawFindings(state, settings) {
  const box = $("findings");
  box.replaceChildren();
  if (state.status !== "done" || !state.result) return;
  const unanchored = new Set(state.unanchored || []);
  for (const { group, items } of Findings.groupFindings(state.result.annotations, settings.hiddenPlugins)) {
    const section = node("section", `group group-${group.id}`);
    const heading = node("h2", null, t(group.message));
    if (group.id === "clutter") {
      heading.append(node("span", "count", ` (${items.length})`));
      if (Settings.onList(settings, "noCollapseSites", host)) section.append(node("p", "muted", t("clutterNotCollapsed")));
    }
    section.prepend(heading);
    const ul = node("ul", "list");
    // The findings' words are the server's, in the language it says it used (screen readers).
    if (state.result.language) ul.lang = state.result.language;
    for (const a of items) ul.append(findingItem(a, state, unanchored));
    section.append(ul);
    box.append(section);
  }
  for (const p of state.result.plugins || []) {
    if (p && p.status && p.status !== "ok") {
      box.append(node("p", "plugin-error", t("pluginFailed", p.name, `${p.status}${p.error ? ` (${p.error})` : ""}`)));
    }
  }
}

// ---------------------------------------------------------------- per-site controls

const SITE_MESSAGES = {
  pausedSites: ["sitePause", "sitePaused"],
  noCollapseSites: ["siteNoCollapse", "siteNoCollapsed"],
  neverSites: ["siteNever", "siteNevered"],
};

function drawSiteControls(settings) {
  $("site").hidden = !host;
  if (!host) return;
  $("siteHeading").textContent = t("siteHeading", host);
  for (const list of Settings.SITE_LISTS) {
    const on = Settings.onList(settings, list, host);
    const [off, pressed] = SITE_MESSAGES[list];
    $(list).textContent = t(on ? pressed : off);
    $(list).setAttribute("aria-pressed", String(on));
  }
}

async function toggleSite(list) {
  const settings = await Settings.load();
  const on = Settings.onList(settings, list, host);
  if (list === "neverSites" && !on) {
    await api.runtime.sendMessage({ type: "never-site", tabId }); // also clears what was drawn
  } else {
    const kept = settings[list].filter((site) => !(host === site || host.endsWith("." + site)));
    await Settings.save({ [list]: on ? kept : [...kept, host].sort() });
  }
  $("siteNote").textContent = t(on ? `${list}Undone` : `${list}Done`, host);
  await refresh();
}

// ---------------------------------------------------------------- putting it together

async function refresh() {
  const settings = await Settings.load();
  const state = await api.runtime.sendMessage({ type: "tab-state", tabId });
  const [message, isError] = describe(state);
  setStatus(message, isError);
  const server = state.server || Settings.serverBase(settings) || settings.serverUrl;
  const sent = state.status === "done" || state.status === "error";
  $("server").textContent = t(sent ? "serverLine" : "serverLineNothingSent", server);
  drawProvenance(state);
  drawFindings(state, settings);
  drawSiteControls(settings);
  return state;
}

async function analyzeNow() {
  setStatus(t("statusSending"));
  const reply = await api.runtime.sendMessage({ type: "analyze-tab", tabId });
  if (!host) host = await siteOfTab(); // put into the tab just now, by this click
  const state = await refresh();
  if (reply && reply.status === "unreachable" && state.status === "idle") {
    const [message] = describe(reply);
    setStatus(message);
  }
}

async function siteOfTab() {
  try {
    const where = await api.tabs.sendMessage(tabId, { type: "where" });
    return where && typeof where.hostname === "string" ? Settings.siteOf(where.hostname) : "";
  } catch {
    return ""; // no content script in this tab: nothing to list
  }
}

async function main() {
  i18n.localize(document);
  const fromQuery = new URLSearchParams(location.search).get("tab");
  if (fromQuery) tabId = Number(fromQuery);
  else [{ id: tabId }] = await api.tabs.query({ active: true, currentWindow: true });
  $("analyze").addEventListener("click", analyzeNow);
  $("show").addEventListener("click", async () => {
    showing = !showing;
    await api.runtime.sendMessage({ type: "show-collapsed", tabId, show: showing });
    $("show").textContent = t(showing ? "collapseAgain" : "showCollapsed");
    $("show").setAttribute("aria-pressed", String(showing));
  });
  for (const list of Settings.SITE_LISTS) $(list).addEventListener("click", () => toggleSite(list));
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "session" && changes[`tab:${tabId}`]) refresh();
  });
  host = await siteOfTab();
  const state = await refresh();
  if (state.status === "idle") await analyzeNow();
}

main().catch((err) => setStatus(t("statusCannotRead", err.message), true));
