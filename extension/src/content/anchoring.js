// Finding an annotation's target in the live page again.
//
// The server describes each target with several W3C-style selectors; they are tried from the most
// exact to the most forgiving: the element id stamped into the sent copy, the CSS path (checked
// against the quoted text), the quote itself (exact, then approximate, with prefix and suffix to
// choose between repeats), and last the text position. The page text is rebuilt exactly as the
// server builds it (masthead.sdk.text.TextIndex): every text node under <html>, in document order,
// minus the contents of head/script/style/noscript/template/svg/math.
//
// A classic script (content scripts cannot be modules) that adds to `globalThis.Masthead`, so the
// same file runs in the page and under Node's test runner.
(function (root) {
  "use strict";

  const SKIP = new Set(["script", "style", "noscript", "template", "head", "title", "svg", "math"]);
  const OWN_UI = /^masthead-/; // the extension's own elements never count as page text
  const CONTEXT = 32;
  const MIN_SIMILARITY = 0.8;
  const MAX_CANDIDATES = 60;

  /** The text of `top` as one string, and the text nodes it is made of. */
  function textIndex(top) {
    const nodes = [];
    let text = "";
    const stack = [top];
    while (stack.length) {
      const node = stack.pop();
      if (node.nodeType === 3) {
        nodes.push({ node, start: text.length });
        text += node.data;
        continue;
      }
      if (node.nodeType !== 1) continue;
      const name = node.localName;
      if (SKIP.has(name) || OWN_UI.test(name)) continue;
      for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
    }
    return { text, nodes };
  }

  /** The text node and offset holding character `offset` (`atEnd` prefers the earlier node). */
  function locate(index, offset, atEnd) {
    const { nodes } = index;
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const start = nodes[mid].start;
      if (start < offset || (!atEnd && start === offset)) lo = mid;
      else hi = mid - 1;
    }
    const hit = nodes[lo];
    return { node: hit.node, offset: Math.min(offset - hit.start, hit.node.data.length) };
  }

  function rangeFromOffsets(doc, index, start, end) {
    if (!index.nodes.length || end < start) return null;
    const from = locate(index, start, false);
    const to = locate(index, end, true);
    const range = doc.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function fold(s) {
    // Typographic variants that differ between a page's versions or its serialisations.
    return s
      .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/\u00a0/g, " ");
  }

  /** Every [start, end) where `quote` occurs in `text`: exactly, or else with any white space. */
  function occurrences(text, quote) {
    const found = [];
    for (let at = text.indexOf(quote); at >= 0 && found.length < MAX_CANDIDATES; ) {
      found.push([at, at + quote.length]);
      at = text.indexOf(quote, at + 1);
    }
    if (found.length) return { spans: found, exact: true };
    const words = fold(quote).split(/\s+/).filter(Boolean);
    if (!words.length) return { spans: [], exact: false };
    const pattern = new RegExp(words.map(escapeRegExp).join("\\s+"), "gi");
    const folded = fold(text); // same length as text: every replacement is one character
    for (const match of folded.matchAll(pattern)) {
      found.push([match.index, match.index + match[0].length]);
      if (found.length >= MAX_CANDIDATES) break;
    }
    return { spans: found, exact: false };
  }

  function commonSuffix(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n;
  }

  function commonPrefix(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  /** How well the text around [start, end) agrees with the quote's prefix and suffix. */
  function contextScore(text, [start, end], prefix, suffix) {
    const before = text.slice(Math.max(0, start - CONTEXT), start);
    const after = text.slice(end, end + CONTEXT);
    return commonSuffix(before, prefix || "") + commonPrefix(after, suffix || "");
  }

  function best(text, spans, quote) {
    let top = null;
    let topScore = -1;
    for (const span of spans) {
      const score = contextScore(text, span, quote.prefix, quote.suffix);
      if (score > topScore) [top, topScore] = [span, score];
    }
    return top;
  }

  function levenshtein(a, b) {
    if (a === b) return 0;
    let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    let cur = new Array(b.length + 1);
    for (let i = 1; i <= a.length; i++) {
      cur[0] = i;
      const ca = a.charCodeAt(i - 1);
      for (let j = 1; j <= b.length; j++) {
        const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      }
      [prev, cur] = [cur, prev];
    }
    return prev[b.length];
  }

  /** 1 for equal strings, 0 for nothing in common; white space and case do not count. */
  function similarity(a, b) {
    const x = fold(a).replace(/\s+/g, " ").trim().toLowerCase();
    const y = fold(b).replace(/\s+/g, " ").trim().toLowerCase();
    if (!x.length && !y.length) return 1;
    return 1 - levenshtein(x, y) / Math.max(x.length, y.length);
  }

  /** Spans of roughly the quote's length that start or end where a piece of the quote does. */
  function approximateCandidates(text, quote) {
    const exact = quote.exact;
    const len = exact.length;
    const piece = Math.min(16, Math.max(4, Math.floor(len / 3)));
    const spans = [];
    const add = (s, e) => spans.length < MAX_CANDIDATES * 3 && spans.push([Math.max(0, s), e]);
    if (quote.prefix || quote.suffix) {
      const pre = quote.prefix ? occurrences(text, quote.prefix.slice(-piece)).spans : [];
      const suf = quote.suffix ? occurrences(text, quote.suffix.slice(0, piece)).spans : [];
      for (const [, p] of pre) {
        for (const [s] of suf) if (s >= p && s - p <= 1.5 * len + 10) add(p, s);
        add(p, p + len);
      }
      for (const [s] of suf) add(s - len, s);
    }
    const head = exact.slice(0, piece);
    const tail = exact.slice(-piece);
    for (const [s] of occurrences(text, head).spans) add(s, s + len);
    for (const [, e] of occurrences(text, tail).spans) add(e - len, e);
    return spans;
  }

  /**
   * Where the TextQuoteSelector `quote` is in `text`: exact (or white-space tolerant) first,
   * then approximately. Returns {start, end, how} or null.
   */
  function matchQuote(text, quote, { approximate = true } = {}) {
    if (!quote || !quote.exact) return null;
    const { spans, exact } = occurrences(text, quote.exact);
    if (spans.length) {
      const [start, end] = best(text, spans, quote);
      return { start, end, how: exact ? "quote" : "quote-loose" };
    }
    if (!approximate) return null;
    let top = null;
    let topScore = MIN_SIMILARITY;
    for (const [s, e] of approximateCandidates(text, quote)) {
      const score = similarity(text.slice(s, e), quote.exact);
      if (score >= topScore) [top, topScore] = [[s, e], score];
    }
    return top ? { start: top[0], end: top[1], how: "quote-approx" } : null;
  }

  function elementOf(node) {
    return node && node.nodeType === 1 ? node : node && node.parentElement;
  }

  /** The element itself, or the quote inside it; null when the quote is no longer there. */
  function within(doc, el, quote) {
    if (!quote) {
      const range = doc.createRange();
      range.selectNodeContents(el);
      return { element: el, range };
    }
    const index = textIndex(el);
    const hit = matchQuote(index.text, quote, { approximate: false });
    if (!hit) return null;
    return { element: el, range: rangeFromOffsets(doc, index, hit.start, hit.end) };
  }

  function querySelector(doc, css) {
    try {
      return doc.querySelector(css);
    } catch {
      return null; // not a selector this browser understands
    }
  }

  function selectorsByType(target) {
    const out = {};
    for (const s of (target && target.selectors) || []) if (s && !out[s.type]) out[s.type] = s;
    return out;
  }

  /**
   * Anchor `target` in `doc`. `byId` maps the ids stamped into the sent copy to live elements;
   * `memo` (an object kept across calls) saves rebuilding the page text for every annotation.
   * Returns {element, range, method} or null.
   */
  function anchor(target, doc, byId, memo = {}) {
    const sel = selectorsByType(target);
    const quote = sel.TextQuoteSelector;
    const byStamp = sel.MastheadIdSelector && byId && byId.get(String(sel.MastheadIdSelector.value));
    if (byStamp && byStamp.isConnected) {
      const hit = within(doc, byStamp, quote);
      if (hit) return { ...hit, method: "id" };
    }
    const byCss = sel.CssSelector && querySelector(doc, String(sel.CssSelector.value));
    if (byCss) {
      const hit = within(doc, byCss, quote);
      if (hit) return { ...hit, method: "css" };
    }
    const needsText = quote || sel.TextPositionSelector;
    const page = needsText ? memo.page || (memo.page = textIndex(doc.documentElement)) : null;
    if (quote) {
      const hit = matchQuote(page.text, quote);
      if (hit) {
        const range = rangeFromOffsets(doc, page, hit.start, hit.end);
        return range && { element: elementOf(range.commonAncestorContainer), range, method: hit.how };
      }
    }
    const pos = sel.TextPositionSelector;
    if (pos && Number.isInteger(pos.start) && Number.isInteger(pos.end) && pos.start <= pos.end) {
      const start = unitsAt(page.text, pos.start);
      const end = unitsAt(page.text, pos.end);
      const there = start >= 0 && end >= 0 ? page.text.slice(start, end) : "";
      if (there.trim() && (!quote || similarity(there, quote.exact) >= MIN_SIMILARITY)) {
        const range = rangeFromOffsets(doc, page, start, end);
        return range && { element: elementOf(range.commonAncestorContainer), range, method: "position" };
      }
    }
    return null;
  }

  /**
   * The UTF-16 index in `text` of code point number `points`, or -1 past the end. A
   * TextPositionSelector counts code points (the W3C model's rule, and the server's, whose
   * strings are Python's), while a JavaScript string counts UTF-16 units: a character outside
   * the Basic Multilingual Plane (most emoji, math letters) is one of the first and two of the
   * second.
   */
  function unitsAt(text, points) {
    let units = 0;
    for (let n = 0; n < points; n++) {
      if (units >= text.length) return -1;
      const high = text.charCodeAt(units);
      const low = text.charCodeAt(units + 1);
      units += high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
    }
    return units;
  }

  root.Masthead = root.Masthead || {};
  root.Masthead.anchoring = { textIndex, rangeFromOffsets, matchQuote, similarity, anchor, unitsAt };
})(globalThis);
