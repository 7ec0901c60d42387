// Drawing the server's findings into the page without rewriting it.
//
// Banner and tooltips live in one Shadow DOM host (`<masthead-ui>`, `:host { all: initial }`), so
// the page's styles cannot reach them; highlights are CSS Custom Highlight API ranges over the
// page's own text (an outline on the element where that API is missing); a collapsed promo is
// hidden with an inline style that is put back exactly, behind a thin labelled strip. Everything a
// plugin wrote is inserted as text, and only http(s) links become links. The extension's own
// words (the strip's "show", the close button) come from `_locales`, through shared/i18n.js.
(function (root) {
  "use strict";

  const { anchoring, findings, i18n } = root.Masthead;
  const { presentationOf } = findings;
  const { t } = i18n; // the extension's own words, in the reader's language (_locales)
  const MAX_TEXT = 600;
  // Highlights follow the annotation's `presentation` (what it is for the reader), never its
  // kind, so any plugin's finding is drawn right without a change here (the kind sets below
  // only stand in for a server too old to send the hint).
  const HIGHLIGHTS = new Map([
    ["notice", "masthead-source"],
    ["provenance", "masthead-source"],
    ["source", "masthead-source"],
    ["claim", "masthead-claim"],
  ]);
  const OTHER_HIGHLIGHT = "masthead-other";
  // Never folded: what says who wrote the page, when, and how to get around it. A promo inside a
  // menu is a menu item about advertising; one that holds a date, a byline or a headline is not
  // clutter, whatever its neighbours say.
  const NEVER_INSIDE = "nav, [role=navigation], [role=menubar], [role=menu]";
  const NEVER_CONTAINING = [
    "h1",
    "time",
    "[datetime]",
    "address",
    "[rel~=author]",
    "[itemprop~=author]",
    "[itemprop~=datePublished]",
    "[itemprop~=dateModified]",
    "[itemprop~=publisher]",
    NEVER_INSIDE,
  ].join(", ");
  const KEEP_PRESENTATIONS = new Set(["notice", "provenance", "region"]);
  // Between two promos, nodes that never take space do not stop them sharing one strip.
  const NEVER_RENDERED = new Set(["script", "style", "template", "link", "meta", "noscript"]);
  const READING_BLOCKS = "p, h1, h2, h3, h4, li, blockquote, figure, pre, td, dd";

  const FONT = `font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;`;

  const PAGE_CSS = `
::highlight(masthead-source) { background-color: rgba(88, 145, 214, 0.20); text-decoration: underline 2px rgba(47, 94, 145, 0.85); }
::highlight(masthead-claim) { background-color: rgba(245, 190, 60, 0.28); text-decoration: underline dotted 2px rgba(150, 100, 0, 0.9); }
::highlight(masthead-other) { background-color: rgba(150, 150, 150, 0.20); }
@media (prefers-color-scheme: dark) {
  ::highlight(masthead-source) { background-color: rgba(110, 165, 235, 0.28); text-decoration: underline 2px rgba(143, 184, 232, 0.9); }
  ::highlight(masthead-claim) { background-color: rgba(245, 190, 60, 0.25); text-decoration: underline dotted 2px rgba(240, 190, 90, 0.9); }
}
`;

  const UI_CSS = `
:host { all: initial !important; display: block !important; position: static !important;
  margin: 0 0 18px 0 !important; padding: 0 !important; border: 0 !important;
  visibility: visible !important; opacity: 1 !important; transform: none !important;
  clip-path: none !important; filter: none !important; contain: none !important; }
:host([data-empty]), :host([data-floating]) { margin: 0 !important; }
:host([data-floating]) .banner { position: fixed; right: 16px; bottom: 16px; z-index: 2147483646;
  width: min(440px, calc(100vw - 32px)); max-height: 45vh; overflow: auto;
  box-shadow: 0 6px 24px rgba(15, 23, 42, 0.18); }
* { box-sizing: border-box; }
.banner { ${FONT} font-size: 15px; line-height: 1.5; color: #1f2933; background: #f5f7fa;
  border: 1px solid #d9e2ec; border-left: 4px solid #486581; border-radius: 6px;
  padding: 12px 40px 12px 16px; position: relative; text-align: left; max-width: 100%; }
.banner.warning { border-left-color: #b7791f; }
.brand { font-size: 11px; letter-spacing: 0.08em; text-transform: uppercase; color: #627d98; margin: 0 0 4px; }
.notice + .notice { margin-top: 10px; padding-top: 10px; border-top: 1px solid #e4e7eb; }
.title { font-weight: 600; font-size: 16px; margin: 0; }
.text { margin: 2px 0 0; }
.links { margin: 4px 0 0; font-size: 14px; }
.links a, .links span { color: #2f5e91; margin-right: 14px; }
.links a { text-decoration: underline; text-underline-offset: 2px; }
.links span { color: #52606d; }
.summary { margin: 8px 0 0; font-size: 13px; color: #52606d; }
.provenance { margin: 0; font-size: 13px; color: #334e68; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
:host([data-floating]) .provenance { white-space: normal; } /* in its corner it moves nothing */
.provenance + .notice { margin-top: 8px; padding-top: 8px; border-top: 1px solid #e4e7eb; }
.banner.compact { padding: 4px 36px 4px 12px; display: flex; gap: 10px; align-items: baseline; }
.banner.compact .brand { margin: 0; }
.banner.compact .summary { display: none; }
.banner.compact .close { top: 1px; right: 4px; }
.close { position: absolute; top: 8px; right: 8px; width: 26px; height: 26px; border: 0; border-radius: 4px;
  background: transparent; color: #627d98; font: 18px/26px system-ui, sans-serif; cursor: pointer; padding: 0; }
.close:hover, .close:focus-visible { background: #e4e7eb; color: #1f2933; }
.tip { ${FONT} position: fixed; z-index: 2147483647; max-width: 340px; pointer-events: none;
  background: #1f2933; color: #f5f7fa; font-size: 13px; line-height: 1.45; padding: 8px 10px;
  border-radius: 6px; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18); text-align: left; }
.tip[hidden] { display: none; }
.tip strong { display: block; font-weight: 600; margin-bottom: 2px; }
@media (prefers-color-scheme: dark) {
  .banner { color: #e4e7eb; background: #1f2731; border-color: #3e4c59; border-left-color: #8fb8e8; }
  .banner.warning { border-left-color: #f0b429; }
  .brand, .close { color: #9aa5b1; }
  .notice + .notice, .provenance + .notice { border-top-color: #3e4c59; }
  .links a, .links span { color: #8fb8e8; }
  .links span, .summary { color: #9aa5b1; }
  .provenance { color: #bcccdc; }
  .close:hover, .close:focus-visible { background: #323f4b; color: #f5f7fa; }
  .tip { background: #f5f7fa; color: #1f2933; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.5); }
}
`;

  const STRIP_CSS = `
:host { all: initial !important; display: block !important; visibility: visible !important;
  opacity: 1 !important; margin: 4px 0 !important; }
:host([data-inline]) { display: inline-block !important; margin: 0 2px !important; }
.strip { ${FONT} font-size: 12px; line-height: 1.6; color: #52606d; background: #f5f7fa;
  border: 1px dashed #bcccdc; border-radius: 4px; padding: 1px 8px; }
button { font: inherit; color: #2f5e91; background: none; border: 0; padding: 0; cursor: pointer;
  text-decoration: underline; text-underline-offset: 2px; }
button:focus-visible { outline: 2px solid #2f5e91; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .strip { color: #9aa5b1; background: #1f2731; border-color: #52606d; }
  button { color: #8fb8e8; }
  button:focus-visible { outline-color: #8fb8e8; }
}
`;

  let state = null; // what is drawn now, so that it can be found again and taken away
  let openAll = false; // the reader chose "show collapsed items" for this page
  let wasFolded = new WeakSet(); // folded in the last drawing: folding it again moves nothing

  function text(value) {
    const s = value == null ? "" : String(value);
    return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 1) + "…" : s;
  }

  function safeHref(href) {
    try {
      const url = new URL(String(href));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch {
      return null;
    }
  }

  function el(doc, tag, className, content) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.textContent = text(content);
    return node;
  }

  function sheet(doc, css) {
    const win = doc.defaultView;
    try {
      const s = new win.CSSStyleSheet();
      s.replaceSync(css);
      return s;
    } catch {
      return null;
    }
  }

  function attachStyle(shadow, doc, css) {
    const s = sheet(doc, css);
    if (s) {
      try {
        shadow.adoptedStyleSheets = [s];
        return;
      } catch {
        // adoptedStyleSheets across worlds is not supported here: fall back to a <style>
      }
    }
    shadow.append(el(doc, "style", null, null));
    shadow.lastChild.textContent = css;
  }

  function highlightName(annotation) {
    return HIGHLIGHTS.get(presentationOf(annotation)) || OTHER_HIGHLIGHT;
  }

  function hasHighlightApi(doc) {
    const win = doc.defaultView;
    return Boolean(win && win.CSS && win.CSS.highlights && typeof win.Highlight === "function");
  }

  function addPageStyles(doc) {
    const s = sheet(doc, PAGE_CSS);
    if (!s) return null;
    try {
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, s];
      return s;
    } catch {
      return null;
    }
  }

  // ------------------------------------------------------------------ where the banner goes

  function flowContainer(doc, node) {
    const display = doc.defaultView.getComputedStyle(node).display;
    return display === "block" || display === "flow-root" || display === "list-item";
  }

  /** Above the article: inside its region when that is a plain block, else just before it. */
  function placeHost(doc, host, region) {
    if (region && region !== doc.body && region !== doc.documentElement) {
      if (flowContainer(doc, region)) return region.prepend(host);
      if (region.parentElement && flowContainer(doc, region.parentElement)) return region.before(host);
    }
    doc.body.prepend(host);
  }

  /**
   * The banner's place is above the article, but it arrives after the page is painted: put there
   * while that place is on screen, it would push the page down under the reader's eyes (the
   * layout shift this avoids). Then it floats in a corner of the window instead, where it moves
   * nothing, until the reader closes it. Moving it into the page later was tried: the page holds
   * still (scroll anchoring), but the margins above the article collapse differently and the
   * browser counts the body as shifted. Tried and undone in one task, before anything is painted.
   */
  function settleBanner(doc, host, anchor) {
    keepReading(doc, anchor);
    if (host.getBoundingClientRect().top >= doc.defaultView.innerHeight) return; // below the fold
    host.setAttribute("data-floating", "");
    doc.documentElement.append(host);
    keepReading(doc, anchor);
  }

  function articleRegion(doc, placed) {
    const fromPlugin = placed.find((p) => p.annotation.kind === "article" && p.hit);
    const h1 = doc.querySelector("article h1, main h1, h1");
    const region = fromPlugin && fromPlugin.hit.element;
    return (
      (region && (region.closest("article") || region)) ||
      doc.querySelector("article") ||
      doc.querySelector("main, [role=main]") ||
      (h1 && h1.parentElement) ||
      doc.body
    );
  }

  // ------------------------------------------------------------------ the banner

  function linksOf(doc, annotation) {
    const links = Array.isArray(annotation.links) ? annotation.links.slice(0, 6) : [];
    if (!links.length) return null;
    const box = el(doc, "p", "links");
    for (const link of links) {
      if (!link || typeof link !== "object") continue;
      const href = safeHref(link.href);
      const label = text(link.label || link.href);
      if (href) {
        const a = el(doc, "a", null, label);
        a.href = href;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        box.append(a);
      } else {
        box.append(el(doc, "span", null, label));
      }
    }
    return box;
  }

  function summaryOf(collapsed, highlighted) {
    const parts = [];
    if (collapsed) parts.push(collapsed === 1 ? t("bannerPromosOne") : t("bannerPromosMany", collapsed));
    if (highlighted) parts.push(highlighted === 1 ? t("bannerPassagesOne") : t("bannerPassagesMany", highlighted));
    return parts.join(" · ");
  }

  /**
   * "21st Century Wire · By Timur Fomenko · 12 May 2023 · First published by RT International":
   * the popup's provenance line (shared/findings.js words both), as one line of text.
   */
  function provenanceLine(annotations, host = "") {
    const parts = findings.provenanceParts(annotations, { t, language: i18n.language(), host });
    return text(parts.map(([, words]) => words).join(" · "));
  }

  function drawBanner(doc, shadow, banners, summary, line) {
    const box = el(doc, "section", "banner");
    if (!banners.length) box.classList.add("compact");
    box.setAttribute("role", "note");
    box.setAttribute("aria-label", "Masthead");
    if (banners.some((a) => a.severity === "warning")) box.classList.add("warning");
    box.append(el(doc, "p", "brand", "Masthead"));
    if (line) box.append(el(doc, "p", "provenance", line));
    for (const a of banners) {
      const notice = el(doc, "div", "notice");
      notice.dataset.annotation = text(a.id);
      notice.append(el(doc, "p", "title", a.title || a.kind));
      if (a.text) notice.append(el(doc, "p", "text", a.text));
      const links = linksOf(doc, a);
      if (links) notice.append(links);
      box.append(notice);
    }
    if (summary) box.append(el(doc, "p", "summary", summary));
    const close = el(doc, "button", "close", "×");
    close.type = "button";
    close.title = t("bannerHide");
    close.setAttribute("aria-label", t("bannerHide"));
    close.addEventListener("click", () => box.remove());
    box.append(close);
    shadow.append(box);
  }

  // ------------------------------------------------------------------ highlights and tooltips

  function drawHighlights(doc, marks) {
    if (!marks.length) return;
    const win = doc.defaultView;
    if (hasHighlightApi(doc)) {
      state.pageSheet = addPageStyles(doc);
      const groups = {};
      for (const m of marks) (groups[m.name] = groups[m.name] || []).push(m.range);
      for (const [name, ranges] of Object.entries(groups)) {
        win.CSS.highlights.set(name, new win.Highlight(...ranges));
        state.highlightNames.push(name);
      }
    } else {
      for (const m of marks) {
        if (state.outlines.some((o) => o.element === m.element)) continue;
        const before = m.element.getAttribute("style");
        state.outlines.push({ element: m.element, before });
        const outline = "outline: 2px solid rgba(47, 94, 145, 0.6) !important;";
        m.element.setAttribute("style", `${before ? before.replace(/;?\s*$/, "; ") : ""}${outline}`);
      }
    }
  }

  function within(rect, x, y) {
    return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
  }

  function hitMark(marks, x, y) {
    for (const m of marks) {
      const rects = m.range ? m.range.getClientRects() : [m.element.getBoundingClientRect()];
      for (const r of rects) if (within(r, x, y)) return m;
    }
    return null;
  }

  function enableTooltips(doc, shadow, marks) {
    if (!marks.length) return;
    const win = doc.defaultView;
    const tip = el(doc, "div", "tip");
    tip.hidden = true;
    tip.setAttribute("role", "tooltip");
    shadow.append(tip);
    let pending = null;
    let shown = null;
    const show = (x, y) => {
      pending = null;
      const m = hitMark(marks, x, y);
      if (!m) {
        tip.hidden = true;
        shown = null;
        return;
      }
      if (m !== shown) {
        tip.replaceChildren(el(doc, "strong", null, m.annotation.title || m.annotation.kind));
        if (m.annotation.text) tip.append(doc.createTextNode(text(m.annotation.text)));
        shown = m;
      }
      tip.hidden = false;
      const w = tip.offsetWidth;
      const h = tip.offsetHeight;
      const left = Math.max(8, Math.min(x + 12, win.innerWidth - w - 8));
      const top = y + 18 + h > win.innerHeight ? Math.max(8, y - h - 12) : y + 18;
      tip.style.left = `${left}px`;
      tip.style.top = `${top}px`;
    };
    const onMove = (event) => {
      if (pending) return;
      const { clientX, clientY } = event;
      pending = win.requestAnimationFrame(() => show(clientX, clientY));
    };
    const onLeave = () => {
      tip.hidden = true;
      shown = null;
    };
    doc.addEventListener("pointermove", onMove, { passive: true, capture: true });
    doc.addEventListener("scroll", onLeave, { passive: true, capture: true });
    state.listeners.push(() => {
      doc.removeEventListener("pointermove", onMove, { capture: true });
      doc.removeEventListener("scroll", onLeave, { capture: true });
    });
  }

  // ------------------------------------------------------------------ collapsed promos

  function label(annotation) {
    const data = annotation.data && typeof annotation.data === "object" ? annotation.data : {};
    if (annotation.title) return text(annotation.title);
    if (typeof data.category !== "string") return t("stripPromotion");
    return text(data.category.replace(/-/g, " ")).replace(/^./, (c) => c.toUpperCase());
  }

  /** "Advertisement", or for a run of promos sharing one strip "Advertisement, Newsletter (3)". */
  function groupLabel(group) {
    const labels = [...new Set(group.map((fold) => label(fold.annotation)))];
    return group.length === 1 ? labels[0] : `${labels.join(", ")} (${group.length})`;
  }

  /**
   * Hide `target` with an inline style, and a way to put its own inline style back exactly.
   * Only the attribute is touched: Chromium syncs CSSOM edits to it lazily, and a removal after
   * one can leave an empty `style=""` behind.
   */
  function hider(target) {
    const before = target.getAttribute("style");
    const hidden = `${before ? before.replace(/;?\s*$/, "; ") : ""}display: none !important;`;
    return {
      hide: () => target.setAttribute("style", hidden),
      show: () => {
        if (before === null) target.removeAttribute("style");
        else target.setAttribute("style", before);
      },
    };
  }

  /** Whether the reader can see `element`: rendered, not transparent, and taking space. */
  function takesSpace(element) {
    const check = { checkOpacity: true, checkVisibilityCSS: true };
    if (typeof element.checkVisibility === "function" && !element.checkVisibility(check)) return false;
    const box = element.getBoundingClientRect();
    return box.width >= 2 && box.height >= 2;
  }

  function inView(win, elements) {
    return elements.some((element) => {
      const box = element.getBoundingClientRect();
      return box.bottom > 0 && box.top < win.innerHeight && box.right > 0 && box.left < win.innerWidth;
    });
  }

  /** A menu, or a block that holds a date, a byline, a headline or the article itself. */
  function neverFolded(element, keep) {
    if (element.closest(NEVER_INSIDE) || element.querySelector(NEVER_CONTAINING)) return true;
    return keep.some((kept) => element.contains(kept));
  }

  /** The next sibling that takes part in the layout, skipping blank text, comments and scripts. */
  function following(element) {
    for (let node = element.nextSibling; node; node = node.nextSibling) {
      if (node.nodeType === 8 || (node.nodeType === 3 && !node.data.trim())) continue;
      if (node.nodeType === 1 && NEVER_RENDERED.has(node.localName)) continue;
      return node.nodeType === 1 ? node : null;
    }
    return null;
  }

  /** Promos that follow one another share one strip; `folds` is in document order. */
  function groupsOf(folds) {
    const byElement = new Map(folds.map((fold) => [fold.element, fold]));
    const groups = [];
    const taken = new Set();
    for (const fold of folds) {
      if (taken.has(fold.element)) continue;
      const group = [fold];
      taken.add(fold.element);
      for (let next = following(fold.element); next && byElement.has(next) && !taken.has(next); next = following(next)) {
        group.push(byElement.get(next));
        taken.add(next);
      }
      groups.push(group);
    }
    return groups;
  }

  function collapse(doc, group) {
    const first = group[0].element;
    const inline = doc.defaultView.getComputedStyle(first).display.startsWith("inline");
    const hiders = group.map((fold) => hider(fold.element));
    const host = doc.createElement("masthead-strip");
    if (inline) host.setAttribute("data-inline", "");
    host.setAttribute("data-count", String(group.length));
    const shadow = host.attachShadow({ mode: "open" });
    attachStyle(shadow, doc, STRIP_CSS);
    const strip = el(doc, "div", "strip");
    const name = el(doc, "span", null, groupLabel(group));
    const toggle = el(doc, "button", null, t("stripShow"));
    toggle.type = "button";
    strip.append(name, doc.createTextNode(" · "), toggle);
    shadow.append(strip);
    const item = {
      annotations: group.map((fold) => fold.annotation),
      elements: group.map((fold) => fold.element),
      host,
      open: false,
      set(open) {
        item.open = open;
        for (const h of hiders) (open ? h.show : h.hide)();
        toggle.textContent = t(open ? "stripHide" : "stripShow");
        toggle.setAttribute("aria-expanded", String(open));
      },
      restore() {
        for (const h of hiders) h.show();
        host.remove();
      },
    };
    toggle.addEventListener("click", () => item.set(!item.open));
    first.before(host);
    item.set(openAll);
    state.collapsed.push(item);
  }

  /**
   * Fold what the reader would see of `folds`, sparing what `neverFolded` protects. A run of promos
   * the reader is looking at right now stays until it has scrolled out of view: folding it under
   * their eyes is the jump this avoids. Returns what was done, for the popup and the benchmark.
   */
  function foldAll(doc, folds, keep) {
    const win = doc.defaultView;
    const outermost = folds.filter(
      (fold, i) =>
        folds.findIndex((other) => other.element === fold.element) === i &&
        !folds.some((other) => other.element !== fold.element && other.element.contains(fold.element)),
    );
    const guarded = [];
    const visible = [];
    let invisible = 0;
    for (const fold of outermost) {
      if (neverFolded(fold.element, keep)) guarded.push(String(fold.annotation.id));
      else if (!takesSpace(fold.element)) invisible += 1;
      else visible.push(fold);
    }
    visible.sort((a, b) => (a.element.compareDocumentPosition(b.element) & 4 ? -1 : 1));
    const waiting = [];
    for (const group of groupsOf(visible)) {
      const elements = group.map((fold) => fold.element);
      const again = elements.every((element) => wasFolded.has(element));
      if (!again && typeof win.IntersectionObserver === "function" && inView(win, elements)) waiting.push(group);
      else collapse(doc, group);
    }
    if (waiting.length) foldWhenOutOfView(doc, waiting);
    return { strips: state.collapsed.length, invisible, guarded, waiting: waiting.length };
  }

  function foldWhenOutOfView(doc, groups) {
    const win = doc.defaultView;
    const seen = new Map(); // element -> whether it is in view now
    const pending = new Set(groups);
    const observer = new win.IntersectionObserver((entries) => {
      for (const entry of entries) seen.set(entry.target, entry.isIntersecting);
      for (const group of [...pending]) {
        if (group.some((fold) => seen.get(fold.element) !== false)) continue;
        pending.delete(group);
        for (const fold of group) observer.unobserve(fold.element);
        const anchor = readingAnchor(doc);
        collapse(doc, group);
        keepReading(doc, anchor);
      }
      if (!pending.size) observer.disconnect();
    });
    for (const group of groups) for (const fold of group) observer.observe(fold.element);
    state.waiting = observer;
  }

  // ------------------------------------------------------------------ the reader's place

  /** The first block of text on screen, and where it is, when the reader has scrolled at all. */
  function readingAnchor(doc) {
    const win = doc.defaultView;
    if (!win || win.scrollY <= 0) return null;
    for (const element of doc.querySelectorAll(READING_BLOCKS)) {
      const box = element.getBoundingClientRect();
      if (box.height <= 0 || box.bottom <= 0) continue;
      return box.top < win.innerHeight ? { element, top: box.top } : null;
    }
    return null;
  }

  /** Scroll by however far the anchor moved, in the same frame, so what the reader reads stays. */
  function keepReading(doc, anchor) {
    if (!anchor || !anchor.element.isConnected) return;
    const moved = anchor.element.getBoundingClientRect().top - anchor.top;
    if (Math.abs(moved) >= 0.5) doc.defaultView.scrollBy({ top: moved, left: 0, behavior: "instant" });
  }

  function collapsible(doc, element, uiHost) {
    if (!element || element === doc.body || element === doc.documentElement || element === doc.head) {
      return false;
    }
    return !(uiHost && element.contains(uiHost));
  }

  // ------------------------------------------------------------------ putting it together

  /**
   * Draw `result` (the server's answer) into `doc`. `byId` maps stamped ids to live elements.
   * Returns the ids of annotations that needed a place in the page and did not find one.
   */
  function render(doc, result, { byId, hiddenPlugins = [], provenanceBanner = false } = {}) {
    // Everything below is drawn in this one task, so in one frame; what moves above the reader's
    // place is paid back by scrolling, so the paragraph they read stays where it was.
    const anchor = readingAnchor(doc);
    clear(doc);
    state = { host: null, highlightNames: [], outlines: [], collapsed: [], listeners: [], pageSheet: null, waiting: null };
    const hidden = new Set(hiddenPlugins);
    const annotations = (result.annotations || []).filter(
      (a) => a && typeof a === "object" && !hidden.has(a.plugin),
    );
    const memo = {};
    const placed = annotations.map((annotation) => {
      let hit = null;
      try {
        hit = annotation.target ? anchoring.anchor(annotation.target, doc, byId, memo) : null;
      } catch {
        hit = null; // a target this page cannot hold is listed in the popup, like any other miss
      }
      return { annotation, hit };
    });

    const unanchored = [];
    const marks = [];
    const host = doc.createElement("masthead-ui");
    const shadow = host.attachShadow({ mode: "open" });
    attachStyle(shadow, doc, UI_CSS);
    state.host = host;
    const region = articleRegion(doc, placed);
    placeHost(doc, host, region);

    const folds = [];
    const keep = [];
    for (const { annotation, hit } of placed) {
      if (hit && hit.element && KEEP_PRESENTATIONS.has(presentationOf(annotation))) keep.push(hit.element);
      if (annotation.display === "highlight") {
        if (hit && hit.range && !hit.range.collapsed) {
          marks.push({ annotation, range: hit.range, element: hit.element, name: highlightName(annotation) });
        } else unanchored.push(annotation.id);
      } else if (annotation.display === "collapse") {
        if (hit && collapsible(doc, hit.element, host)) folds.push({ annotation, element: hit.element });
        else unanchored.push(annotation.id);
      }
    }
    const folded = foldAll(doc, folds, keep);
    drawHighlights(doc, marks);
    enableTooltips(doc, shadow, hasHighlightApi(doc) ? marks : marks.map((m) => ({ ...m, range: null })));

    const banners = annotations.filter((a) => a.display === "banner");
    const promos = state.collapsed.reduce((n, item) => n + item.annotations.length, 0);
    const line = provenanceBanner ? provenanceLine(annotations, doc.location ? doc.location.hostname : "") : "";
    if (banners.length || line) {
      drawBanner(doc, shadow, banners, summaryOf(promos, marks.length), line);
      settleBanner(doc, host, anchor);
    } else {
      // Nothing to show above the article: an empty element there still moves the page (its
      // `* + *` margins and `:first-child` rules), so the host, which then only holds the
      // tooltips, goes after the body, in this same task, before anything is painted.
      host.setAttribute("data-empty", "");
      doc.documentElement.append(host);
    }
    keepReading(doc, anchor);
    const shown = annotations.filter((a) => a.display && a.display !== "none").length;
    return { shown, unanchored: unanchored.map(String), ...folded };
  }

  /**
   * Get ready, before the answer, what drawing needs: in Chromium, the first of the extension's
   * messages (`_locales`) a page asks for costs a synchronous round trip to the browser, 1-5 ms
   * measured; spent while the server works, it is not spent between its answer and the drawing.
   */
  function prepare() {
    t("stripShow");
  }

  function showCollapsed(open) {
    openAll = open;
    if (!state) return 0;
    for (const item of state.collapsed) item.set(open);
    return state.collapsed.length;
  }

  /** Take everything away again, leaving the page as it was. */
  function clear(doc) {
    if (!state) return;
    const win = doc.defaultView;
    for (const stop of state.listeners) stop();
    wasFolded = new WeakSet();
    for (const item of state.collapsed) {
      if (!item.open) for (const element of item.elements) wasFolded.add(element);
      item.restore();
    }
    if (state.waiting) state.waiting.disconnect();
    for (const name of state.highlightNames) win.CSS.highlights.delete(name);
    for (const { element, before } of state.outlines) {
      if (before === null) element.removeAttribute("style");
      else element.setAttribute("style", before);
    }
    if (state.pageSheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== state.pageSheet);
    if (state.host) state.host.remove();
    state = null;
  }

  root.Masthead = root.Masthead || {};
  root.Masthead.renderer = { render, prepare, clear, showCollapsed, safeHref, provenanceLine };
})(globalThis);
