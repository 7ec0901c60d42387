// The options page: server and token, when to analyse, what to show (in plain words, not plugin
// names), the per-site lists, and the language of the server's notices.
// Every change is saved at once; only "Save and test connection" talks to the server (through
// the background worker, the one part that ever does).
"use strict";

const api = globalThis.browser || globalThis.chrome;
const { settings: Settings, i18n, permissions: Permissions } = globalThis.Masthead;
const { t } = i18n;
const $ = (id) => document.getElementById(id);

// What the built-in plugins find, as a reader would say it; another plugin is shown by its name.
const PLAIN_NAMES = { republication: "pluginRepublication", attribution: "pluginAttribution", promo: "pluginPromo" };

function sites(text) {
  const out = new Set();
  for (const line of text.split(/[\s,]+/)) {
    const raw = line.trim().toLowerCase();
    if (!raw) continue;
    try {
      out.add(new URL(raw.includes("://") ? raw : `http://${raw}`).hostname.replace(/^www\./, ""));
    } catch {
      // not a host name: left out
    }
  }
  return [...out].sort();
}

function saved(message = t("optSaved")) {
  $("saved").textContent = message;
}

function drawPlugins(plugins, hidden) {
  const box = $("plugins");
  box.replaceChildren();
  for (const p of plugins) {
    const name = String(p.name);
    const label = document.createElement("label");
    label.className = "check";
    const box2 = document.createElement("input");
    box2.type = "checkbox";
    box2.checked = !hidden.includes(name);
    box2.addEventListener("change", async () => {
      const now = (await Settings.load()).hiddenPlugins.filter((n) => n !== name);
      if (!box2.checked) now.push(name);
      await Settings.save({ hiddenPlugins: now.sort() });
      saved();
    });
    const plain = PLAIN_NAMES[name] ? t(PLAIN_NAMES[name]) : name;
    const technical = document.createElement("span");
    technical.className = "muted technical";
    technical.textContent = ` (${name}${p.version ? ` ${p.version}` : ""})`;
    label.append(box2, document.createTextNode(` ${plain}`), technical);
    box.append(label);
  }
}

function pluginList(info) {
  const raw = info.plugins && (Array.isArray(info.plugins) ? info.plugins : info.plugins.plugins);
  return Array.isArray(raw) ? raw.filter((p) => p && p.name) : [];
}

function showConnected(info) {
  const version = info.health && info.health.version ? ` (Masthead ${info.health.version})` : "";
  $("connection").textContent = t("optConnected", version);
  $("connection").className = "ok";
}

async function testConnection() {
  const serverUrl = $("serverUrl").value.trim() || Settings.DEFAULTS.serverUrl;
  const base = Settings.serverBase({ serverUrl });
  const status = $("connection");
  status.className = "";
  if (!base) {
    status.textContent = t("optNotHttp");
    status.className = "error";
    return;
  }
  if (!Settings.isLoopback(base)) {
    // A server elsewhere needs the reader's permission to be reached; asked only for that origin.
    const granted = await api.permissions.request({ origins: [`${new URL(base).origin}/*`] });
    if (!granted) {
      status.textContent = t("optNeedPermission");
      status.className = "error";
      return;
    }
  }
  await Settings.save({ serverUrl, token: $("token").value.trim() });
  status.textContent = t("optTesting");
  const info = await api.runtime.sendMessage({ type: "server-info" });
  if (!info.ok) {
    status.textContent = info.error.message;
    status.className = "error";
    return;
  }
  showConnected(info);
  drawPlugins(pluginList(info), (await Settings.load()).hiddenPlugins);
}

async function main() {
  i18n.localize(document);
  const s = await Settings.load();
  $("serverUrl").value = s.serverUrl;
  $("token").value = s.token;
  $("allowPrivate").checked = s.allowPrivate;
  $("provenanceBanner").checked = s.provenanceBanner;
  $("locale").value = s.locale;
  // Automatic analysis reads every page the reader opens: it is on only with their permission
  // for all sites, asked for here, from their click (taken back in the browser, it is off).
  const automatic = s.mode === "auto" && (await Permissions.hasAllSites());
  for (const radio of document.querySelectorAll("input[name=mode]")) {
    radio.checked = radio.value === (automatic ? "auto" : "click");
    radio.addEventListener("change", async () => {
      $("modeStatus").textContent = "";
      if (radio.value === "auto" && !(await Permissions.requestAllSites())) {
        document.querySelector("input[name=mode][value=click]").checked = true;
        $("modeStatus").textContent = t("optNeedAllSites");
        await Settings.save({ mode: "click" });
        return;
      }
      await Settings.save({ mode: radio.value });
      await api.runtime.sendMessage({ type: "automatic" }); // registered before this says "Saved"
      saved();
    });
  }
  $("allowPrivate").addEventListener("change", async () => {
    await Settings.save({ allowPrivate: $("allowPrivate").checked });
    saved();
  });
  for (const name of ["provenanceBanner"]) {
    $(name).addEventListener("change", async () => {
      await Settings.save({ [name]: $(name).checked });
      saved();
    });
  }
  $("locale").addEventListener("change", async () => {
    await Settings.save({ locale: $("locale").value });
    saved();
  });
  for (const list of Settings.SITE_LISTS) {
    $(list).value = s[list].join("\n");
    $(list).addEventListener("change", async () => {
      const cleaned = sites($(list).value);
      await Settings.save({ [list]: cleaned });
      $(list).value = cleaned.join("\n");
      saved();
    });
  }
  $("test").addEventListener("click", () => testConnection().catch((err) => {
    $("connection").textContent = err.message;
    $("connection").className = "error";
  }));
  // The plugin list, if the saved server answers; nothing about any page is sent for it.
  const info = await api.runtime.sendMessage({ type: "server-info" });
  if (info && info.ok) {
    showConnected(info);
    drawPlugins(pluginList(info), s.hiddenPlugins);
  }
}

main();
