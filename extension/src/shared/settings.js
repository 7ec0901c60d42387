// The reader's settings, kept in the extension's local storage (never synced: the token stays on
// this machine). A classic script shared by the background, the content script and the pages.
(function (root) {
  "use strict";

  const api = root.browser || root.chrome;

  const DEFAULTS = Object.freeze({
    serverUrl: "http://127.0.0.1:7373",
    token: "",
    // "click": only the page the reader clicks Masthead on (no all-sites permission); "auto": also
    // article pages as they load, once the reader granted all sites for it
    mode: "click",
    neverSites: [], // host names; a listed host covers its subdomains
    allowPrivate: false,
    hiddenPlugins: [], // plugins whose findings are not drawn
    pausedSites: [], // hosts not analysed automatically (a click still analyses them)
    noCollapseSites: [], // hosts whose promos are listed but never folded away
    provenanceBanner: false, // a one-line "who published this" banner in the page
    locale: "", // the language of the server's notices: "" follows the browser
  });

  /** The per-site lists the popup can add the current site to, and take it off again. */
  const SITE_LISTS = Object.freeze(["pausedSites", "noCollapseSites", "neverSites"]);

  async function load() {
    const stored = await api.storage.local.get(Object.keys(DEFAULTS));
    return { ...DEFAULTS, ...stored };
  }

  async function save(changes) {
    await api.storage.local.set(changes);
  }

  /** Whether `hostname` is on the never-list (the site itself or one of its subdomains). */
  function isNever(settings, hostname) {
    return onList(settings, "neverSites", hostname);
  }

  /** Whether `hostname` is on one of the per-site lists (the site itself or a subdomain). */
  function onList(settings, list, hostname) {
    const host = String(hostname || "").toLowerCase();
    return (settings[list] || []).some((site) => host === site || host.endsWith("." + site));
  }

  /** The name a site is listed under: lower case, without "www.". */
  function siteOf(hostname) {
    return String(hostname || "").toLowerCase().replace(/^www\./, "");
  }

  /** The server URL without a trailing slash, or null if it is not an http(s) URL. */
  function serverBase(settings) {
    try {
      const url = new URL(settings.serverUrl);
      if (url.protocol !== "http:" && url.protocol !== "https:") return null;
      return url.origin + url.pathname.replace(/\/+$/, "");
    } catch {
      return null;
    }
  }

  function isLoopback(base) {
    try {
      const host = new URL(base).hostname;
      return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
    } catch {
      return false;
    }
  }

  root.Masthead = root.Masthead || {};
  root.Masthead.settings = { DEFAULTS, SITE_LISTS, load, save, isNever, onList, siteOf, serverBase, isLoopback };
})(globalThis);
