// The content script: decides whether this page may be sent, sends its cleaned copy through the
// background worker, and draws the answer. It never throws into the page: a failure is reported to
// the popup, and the page is left as it was.
(function (root) {
  "use strict";

  const api = root.browser || root.chrome;
  const { settings: Settings, serializer, renderer } = root.Masthead;
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

  async function skipped(reason) {
    await api.runtime.sendMessage({ type: "skipped", reason });
    return { status: "skipped", reason };
  }

  async function analyze(reason, settings) {
    if (location.protocol !== "http:" && location.protocol !== "https:") return skipped("not-http");
    // Asked for by a click, the page is sent (form values never are) and the popup says so.
    const password = passwordInUse(document);
    if (password && reason === "auto") return skipped("password");
    if (Settings.isNever(settings, location.hostname)) return skipped("never");
    // The copy must be of the page as it was, not as drawn: take the drawing away for the
    // moment of copying and put it back before the browser paints.
    renderer.clear(document);
    const { html, elements } = serializer.serialize(document);
    if (shown) renderer.render(document, shown.result, shown.options);
    const url = location.href.split("#")[0]; // the fragment is the reader's place, not the page's
    const page = { url, title: document.title, html };
    const reply = await api.runtime.sendMessage({ type: "analyze", reason, page, password });
    if (!reply || reply.status !== "done") return reply || { status: "error" };
    const options = { byId: serializer.idMap(elements), hiddenPlugins: reply.hiddenPlugins };
    const drawn = renderer.render(document, reply.result, options);
    shown = { result: reply.result, options };
    await api.runtime.sendMessage({ type: "rendered", ...drawn });
    return { status: "done", ...drawn };
  }

  function run(reason) {
    if (!running) {
      running = Settings.load()
        .then((settings) => analyze(reason, settings))
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
  };

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const handler = message && HANDLERS[message.type];
    if (!handler || sender.id !== api.runtime.id) return false;
    Promise.resolve()
      .then(() => handler(message))
      .then(sendResponse, () => sendResponse({ status: "error" }));
    return true;
  });

  Settings.load()
    .then((settings) => {
      if (settings.mode === "auto" && looksLikeArticle(document)) return run("auto");
      return null;
    })
    .catch(() => null); // storage unavailable: wait for a click
})(globalThis);
