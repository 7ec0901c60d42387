// Drawing the server's findings into the page without rewriting it.
//
// Banner and tooltips live in one Shadow DOM host (`<masthead-ui>`, `:host { all: initial }`), so
// the page's styles cannot reach them; highlights are CSS Custom Highlight API ranges over the
// page's own text (an outline on the element where that API is missing); a collapsed promo is
// hidden with an inline style that is put back exactly, behind a thin labelled strip. Everything a
// plugin wrote is inserted as text, and only http(s) links become links.
(function (root) {
  "use strict";

  const { anchoring } = root.Masthead;
  const MAX_TEXT = 600;
  // Highlights follow the annotation's `presentation` (what it is for the reader), never its
  // kind, so any plugin's finding is drawn right without a change here.
  const HIGHLIGHTS = new Map([
    ["notice", "masthead-source"],
    ["provenance", "masthead-source"],
    ["source", "masthead-source"],
    ["claim", "masthead-claim"],
  ]);
  const OTHER_HIGHLIGHT = "masthead-other";

  const FONT = `font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;`;

  const PAGE_CSS = `
::highlight(masthead-source) { background-color: rgba(88, 145, 214, 0.20); text-decoration: underline 2px rgba(47, 94, 145, 0.85); }
::highlight(masthead-claim) { background-color: rgba(245, 190, 60, 0.28); text-decoration: underline dotted 2px rgba(150, 100, 0, 0.9); }
::highlight(masthead-other) { background-color: rgba(150, 150, 150, 0.20); }
`;

  const UI_CSS = `
:host { all: initial !important; display: block !important; position: static !important;
  margin: 0 0 18px 0 !important; padding: 0 !important; border: 0 !important;
  visibility: visible !important; opacity: 1 !important; transform: none !important;
  clip-path: none !important; filter: none !important; contain: none !important; }
:host([data-empty]) { margin: 0 !important; }
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
.close { position: absolute; top: 8px; right: 8px; width: 26px; height: 26px; border: 0; border-radius: 4px;
  background: transparent; color: #627d98; font: 18px/26px system-ui, sans-serif; cursor: pointer; padding: 0; }
.close:hover, .close:focus-visible { background: #e4e7eb; color: #1f2933; }
.tip { ${FONT} position: fixed; z-index: 2147483647; max-width: 340px; pointer-events: none;
  background: #1f2933; color: #f5f7fa; font-size: 13px; line-height: 1.45; padding: 8px 10px;
  border-radius: 6px; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18); text-align: left; }
.tip[hidden] { display: none; }
.tip strong { display: block; font-weight: 600; margin-bottom: 2px; }
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
`;

  let state = null; // what is drawn now, so that it can be found again and taken away
  let openAll = false; // the reader chose "show collapsed items" for this page

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
    return HIGHLIGHTS.get(annotation.presentation) || OTHER_HIGHLIGHT;
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
    if (collapsed) parts.push(`${collapsed} ${collapsed === 1 ? "promo" : "promos"} collapsed`);
    if (highlighted) parts.push(`${highlighted} ${highlighted === 1 ? "passage" : "passages"} highlighted`);
    return parts.join(" · ");
  }

  function drawBanner(doc, shadow, banners, summary) {
    const box = el(doc, "section", "banner");
    box.setAttribute("role", "note");
    box.setAttribute("aria-label", "Masthead");
    if (banners.some((a) => a.severity === "warning")) box.classList.add("warning");
    box.append(el(doc, "p", "brand", "Masthead"));
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
    close.title = "Hide this notice";
    close.setAttribute("aria-label", "Hide this notice");
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
    const category = typeof data.category === "string" ? data.category.replace(/-/g, " ") : "promotion";
    return text(category).replace(/^./, (c) => c.toUpperCase());
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

  function collapse(doc, annotation, target) {
    const inline = doc.defaultView.getComputedStyle(target).display.startsWith("inline");
    const { hide, show } = hider(target);
    const host = doc.createElement("masthead-strip");
    if (inline) host.setAttribute("data-inline", "");
    const shadow = host.attachShadow({ mode: "open" });
    attachStyle(shadow, doc, STRIP_CSS);
    const strip = el(doc, "div", "strip");
    const name = el(doc, "span", null, label(annotation));
    const toggle = el(doc, "button", null, "show");
    toggle.type = "button";
    strip.append(name, doc.createTextNode(" · "), toggle);
    shadow.append(strip);
    const item = {
      annotation,
      target,
      host,
      open: false,
      set(open) {
        item.open = open;
        if (open) show();
        else hide();
        toggle.textContent = open ? "hide again" : "show";
        toggle.setAttribute("aria-expanded", String(open));
      },
      restore() {
        show();
        host.remove();
      },
    };
    toggle.addEventListener("click", () => item.set(!item.open));
    target.before(host);
    item.set(openAll);
    state.collapsed.push(item);
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
  function render(doc, result, { byId, hiddenPlugins = [] } = {}) {
    clear(doc);
    state = { host: null, highlightNames: [], outlines: [], collapsed: [], listeners: [], pageSheet: null };
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
    placeHost(doc, host, articleRegion(doc, placed));

    const folds = [];
    for (const { annotation, hit } of placed) {
      if (annotation.display === "highlight") {
        if (hit && hit.range && !hit.range.collapsed) {
          marks.push({ annotation, range: hit.range, element: hit.element, name: highlightName(annotation) });
        } else unanchored.push(annotation.id);
      } else if (annotation.display === "collapse") {
        if (hit && collapsible(doc, hit.element, host)) folds.push({ annotation, element: hit.element });
        else unanchored.push(annotation.id);
      }
    }
    // One strip per outermost block: a promo inside another promo folds away with it.
    for (const fold of folds) {
      const inside = folds.some((other) => other !== fold && other.element !== fold.element && other.element.contains(fold.element));
      const twin = folds.find((other) => other.element === fold.element);
      if (!inside && twin === fold) collapse(doc, fold.annotation, fold.element);
    }
    drawHighlights(doc, marks);
    enableTooltips(doc, shadow, hasHighlightApi(doc) ? marks : marks.map((m) => ({ ...m, range: null })));

    const banners = annotations.filter((a) => a.display === "banner");
    if (banners.length) drawBanner(doc, shadow, banners, summaryOf(state.collapsed.length, marks.length));
    else host.setAttribute("data-empty", "");
    const shown = annotations.filter((a) => a.display && a.display !== "none").length;
    return { shown, unanchored: unanchored.map(String) };
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
    for (const item of state.collapsed) item.restore();
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
  root.Masthead.renderer = { render, clear, showCollapsed, safeHref };
})(globalThis);
