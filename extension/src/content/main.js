// The content script: decides whether this page may be sent, sends its cleaned copy through the
// background worker, and draws the answer. It never throws into the page: a failure is reported to
// the popup, and the page is left as it was.
(function (root) {
  "use strict";

  const api = root.browser || root.chrome;
  // Put in by a click into a tab where it already runs: the one already there answers.
  if (root.Masthead.contentScript) return;
  root.Masthead.contentScript = true;
  const { settings: Settings, serializer, renderer, reveal } = root.Masthead;
  const ARTICLE_TYPE = /(Article|BlogPosting)$/;
  const ARTICLE_TEXT = 600; // characters of text an <article> needs to count as one

  let running = null;
  let shown = null; // the last answer drawn, to draw again at once while a new one is fetched

  function jsonLdTypes(doc) {
    const types = [];
    const visit = (node) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== "object") return;
      const t = node["@type"];
      for (const one of Array.isArray(t) ? t : [t]) if (typeof one === "string") types.push(one);
      if (node["@graph"]) visit(node["@graph"]);
    };
    for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
      try {
        visit(JSON.parse(script.textContent));
      } catch {
        // a page's broken JSON-LD says nothing either way
      }
    }
    return types;
  }

  /** og:type=article, a JSON-LD Article or BlogPosting, or an <article> with enough text. */
  function looksLikeArticle(doc) {
    const og = doc.querySelector('meta[property="og:type" i]');
    if (og && /^article$/i.test((og.getAttribute("content") || "").trim())) return true;
    if (jsonLdTypes(doc).some((t) => ARTICLE_TYPE.test(t))) return true;
    return [...doc.querySelectorAll("article")].some((a) => (a.innerText || a.textContent).trim().length >= ARTICLE_TEXT);
  }

  /** The element with focus, looking through open shadow roots. */
  function focused(doc) {
    let active = doc.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  function visible(el) {
    if (typeof el.checkVisibility === "function") {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    }
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  }

  /**
   * A password field the reader can see, has typed into, or is typing into: the page is in the
   * middle of a login or a payment. A hidden, empty one (a login modal not open) is not.
   */
  function passwordInUse(doc) {
    const active = focused(doc);
    return [...doc.querySelectorAll('input[type="password" i]')].some(
      (input) => input === active || input.value !== "" || visible(input),
    );
  }

  /** The next moment the page has nothing to do (soon, on a page that is never idle). */
  function idle() {
    return new Promise((resolve) => {
      if (typeof root.requestIdleCallback === "function") root.requestIdleCallback(resolve, { timeout: 50 });
      else root.setTimeout(resolve, 0);
    });
  }

  async function skipped(reason) {
    await api.runtime.sendMessage({ type: "skipped", reason });
    return { status: "skipped", reason };
  }

  /** `settled`: the caller has just waited for an idle moment. */
  async function analyze(reason, settings, settled) {
    if (location.protocol !== "http:" && location.protocol !== "https:") return skipped("not-http");
    if (!settled) await idle(); // nothing below is worth a moment of the page's own work
    // Asked for by a click, the page is sent (form values never are) and the popup says so.
    const password = passwordInUse(document);
    if (password && reason === "auto") return skipped("password");
    if (Settings.isNever(settings, location.hostname)) return skipped("never");
    // The copy must be of the page as it was, not as drawn: take the drawing away for the
    // moment the page is read and put it back before the browser paints. The rest of the copy
    // is made in short slices: idle ones, off the path of the page's own loading, until it has
    // loaded; then one task after another, the first at once.
    renderer.clear(document);
    const copying = serializer.serializeInSlices(document);
    if (shown) renderer.render(document, shown.result, shown.options);
    const { html, elements } = await copying;
    const url = location.href.split("#")[0]; // the fragment is the reader's place, not the page's
    const page = { url, title: document.title, html };
    const replying = api.runtime.sendMessage({ type: "analyze", reason, page, password });
    renderer.prepare(); // while the server works
    const reply = await replying;
    if (!reply || reply.status !== "done") return reply || { status: "error" };
    const options = {
      byId: serializer.idMap(elements),
      hiddenPlugins: reply.hiddenPlugins,
      provenanceBanner: settings.provenanceBanner === true, // the reader's choice in the options
    };
    const result = reply.noCollapse ? withoutFolding(reply.result) : reply.result;
    const drawn = renderer.render(document, result, options);
    shown = { result, options };
    await api.runtime.sendMessage({ type: "rendered", ...drawn });
    watchForNewViews(reason === "click" ? "click" : "auto");
    seen = { ...seen, url: pageUrl(), words: articleWords() };
    return { status: "done", ...drawn };
  }

  /** The answer with nothing folded away: the reader chose "don't collapse on this site". */
  function withoutFolding(result) {
    const annotations = result.annotations.map((a) => (a && a.display === "collapse" ? { ...a, display: "none" } : a));
    return { ...result, annotations };
  }

  /** Scroll to one finding of the answer drawn now and flash it (the popup's "show on page"). */
  function revealFinding(id) {
    const annotation = shown && shown.result.annotations.find((a) => a && String(a.id) === String(id));
    return { found: Boolean(annotation) && reveal.reveal(document, annotation, shown.options.byId) };
  }

  function run(reason, settings = null, settled = false) {
    if (!running) {
      running = (settings ? Promise.resolve(settings) : Settings.load())
        .then((loadedSettings) => analyze(reason, loadedSettings, settled))
        .catch((err) => ({ status: "error", error: { code: "content", message: String(err && err.message) } }))
        .finally(() => {
          running = null;
        });
    }
    return running;
  }

  const HANDLERS = {
    "analyze-now": () => run("click"),
    "show-collapsed": (message) => ({ count: renderer.showCollapsed(Boolean(message.show)) }),
    clear: () => {
      shown = null;
      renderer.clear(document);
      return { status: "cleared" };
    },
    where: () => ({ hostname: location.hostname }),
    reveal: (message) => revealFinding(message.id),
  };

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const handler = message && HANDLERS[message.type];
    if (!handler || sender.id !== api.runtime.id) return false;
    Promise.resolve()
      .then(() => handler(message))
      .then(sendResponse, () => sendResponse({ status: "error" }));
    return true;
  });

  // ---------------------------------------------------------------- single-page sites

  const SETTLE_MS = 800; // a site's new view is drawn in bursts: wait for the page to settle
  const CHANGED = 0.5; // share of the article's words that must differ to count as a new article

  function pageUrl() {
    return location.href.split("#")[0];
  }

  function articleWords() {
    const region = document.querySelector("article, main, [role=main]") || document.body;
    const words = ((region && region.textContent) || "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    return new Set(words.slice(0, 3000));
  }

  function unlike(a, b) {
    let shared = 0;
    for (const word of a) if (b.has(word)) shared += 1;
    const union = a.size + b.size - shared;
    return union ? 1 - shared / union : 0;
  }

  let seen = null; // {url, words} of the page as last analysed

  /** A new address (pushState, popstate) or an article mostly rewritten: analyse again. */
  function checkForNewView() {
    if (!seen || running) return;
    const url = pageUrl();
    const words = articleWords();
    if (url === seen.url && unlike(seen.words, words) <= CHANGED) return;
    seen = { ...seen, url, words };
    run(seen.reason);
  }

  function watchForNewViews(reason) {
    if (seen) return;
    seen = { url: pageUrl(), words: articleWords(), reason };
    let timer = null;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(checkForNewView, SETTLE_MS);
    };
    root.addEventListener("popstate", later);
    if (root.navigation && typeof root.navigation.addEventListener === "function") {
      root.navigation.addEventListener("navigatesuccess", later);
    }
    // pushState is invisible to a content script; the view it brings is not: watch the page's own
    // nodes (never Masthead's) for changes, and look again once they settle.
    new MutationObserver((records) => {
      const own = (node) => node.nodeType === 1 && /^masthead-/.test(node.localName);
      const theirs = records.some(
        (r) => r.type === "characterData" || [...r.addedNodes, ...r.removedNodes].some((n) => !own(n)),
      );
      if (theirs) later();
    }).observe(document.body || document.documentElement, { childList: true, subtree: true, characterData: true });
  }

  // Automatic mode: in the page's next idle moment, an article is analysed with the settings read
  // meanwhile (read once: each read is a round trip to the extension's storage, ~15-30 ms on a
  // busy page, and the wait for an idle moment is spent on it).
  Promise.all([Settings.load(), idle()])
    .then(([settings]) => {
      if (settings.mode !== "auto") return null;
      return looksLikeArticle(document) ? run("auto", settings, true) : null;
    })
    .catch(() => null); // storage unavailable: wait for a click
})(globalThis);
