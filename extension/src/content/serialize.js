// The copy of the page that is sent to the Masthead server.
//
// The live page is copied into an inert document (no browsing context: its images never load, its
// inline handlers never run, its custom elements never upgrade), never changed: every element of the copy gets a sequential
// `data-masthead-id`, and `elements[id]` is the live element it came from, so a target the server
// returns maps back to exactly that element. The copy keeps the tree's shape (empty script and
// style elements stay, so `nth-of-type` paths still match) but not what the server does not need
// and should not see: script bodies (JSON-LD is kept: it names the publisher), style bodies, what
// the reader typed or chose in forms, editable regions, and the extension's own UI.
(function (root) {
  "use strict";

  const OWN_UI = /^masthead-/;
  const KEEP_SCRIPT = /^\s*application\/ld\+json\s*$/i;
  const LABEL_INPUTS = new Set(["submit", "button", "reset", "image"]);
  const EDITABLE = new Set(["", "true", "plaintext-only"]);

  /** Drop what the reader entered or the page runs; true when the element's children go too. */
  function clean(copy) {
    switch (copy.localName) {
      case "script":
        if (!KEEP_SCRIPT.test(copy.getAttribute("type") || "")) copy.textContent = "";
        return false;
      case "style":
        copy.textContent = "";
        return false;
      case "input":
        if (!LABEL_INPUTS.has((copy.getAttribute("type") || "").toLowerCase())) {
          copy.removeAttribute("value");
        }
        copy.removeAttribute("checked");
        return false;
      case "textarea":
        copy.textContent = "";
        return true;
      case "option":
        copy.removeAttribute("selected");
        return false;
      case "iframe":
        copy.removeAttribute("srcdoc");
        return false;
      default:
        break;
    }
    const editable = copy.getAttribute("contenteditable");
    if (editable !== null && EDITABLE.has(editable.toLowerCase())) {
      copy.textContent = "";
      return true;
    }
    return false;
  }

  // Elements whose text is written as it is, never escaped: written whole, never split.
  const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript", "template"]);
  const XHTML = "http://www.w3.org/1999/xhtml";
  const SPLIT_OVER = 200; // elements under one node above which its children are written one at a time
  const STEP = 64; // elements stamped between two chances to stop
  const SLICE_MS = 4; // longest slice of work the page waits for
  const ESCAPES = { "&": "&amp;", "\u00a0": "&nbsp;", "<": "&lt;", ">": "&gt;" };

  /** A textarea or an editable region: `clean` empties it, so what was under it is not stamped. */
  function emptied(copy) {
    const editable = copy.getAttribute("contenteditable");
    return copy.localName === "textarea" || (editable !== null && EDITABLE.has(editable.toLowerCase()));
  }

  /** What one node of the copy writes as HTML, as `outerHTML` would write it inside its parent. */
  function markup(node) {
    if (node.nodeType === 1) return node.outerHTML;
    if (node.nodeType === 3) return node.data.replace(/[&\u00a0<>]/g, (c) => ESCAPES[c]);
    if (node.nodeType === 8) return `<!--${node.data}-->`;
    return "";
  }

  /** Write `node` into `parts`, a large one as its own tags around its children, one at a time. */
  function* write(node, parts, splitOver) {
    const split =
      node.nodeType === 1 &&
      node.namespaceURI === XHTML &&
      !RAW_TEXT.has(node.localName) &&
      node.getElementsByTagName("*").length >= splitOver;
    if (!split) {
      parts.push(markup(node));
      yield;
      return;
    }
    const close = `</${node.localName}>`;
    const shell = node.cloneNode(false).outerHTML;
    parts.push(shell.slice(0, shell.length - close.length));
    for (const child of [...node.childNodes]) yield* write(child, parts, splitOver);
    parts.push(close);
  }

  /**
   * The copy, made in steps: a `yield` between any two is a place the work can pause for the page.
   * The page itself is read only in the first step; every later one works on the inert copy, so
   * what the page does meanwhile does not mix into it. Returns {html, elements}.
   */
  function* steps(doc, splitOver = SPLIT_OVER) {
    const live = doc.documentElement;
    // importNode, not cloneNode: a clone belongs to the live page, and its <img>s fetch again and
    // fire the page's own onerror handlers.
    const copy = doc.implementation.createHTMLDocument("").importNode(live, true);
    // Both trees in document order, taken at the same moment: the n-th of one is the n-th of the other.
    const lives = [live, ...live.getElementsByTagName("*")];
    const copies = [copy, ...copy.getElementsByTagName("*")];
    yield;
    const elements = [];
    const drop = [];
    for (let i = 0; i < copies.length; i += 1) {
      const b = copies[i];
      if (OWN_UI.test(b.localName)) {
        drop.push(b);
        i += b.getElementsByTagName("*").length; // nothing under the extension's UI is sent
        continue;
      }
      b.setAttribute("data-masthead-id", String(elements.length));
      elements.push(lives[i]);
      if (emptied(b)) i += b.getElementsByTagName("*").length;
      clean(b);
      if (i % STEP === 0) yield;
    }
    for (const node of drop) node.remove();
    const parts = ["<!DOCTYPE html>\n"];
    yield* write(copy, parts, splitOver);
    return { html: parts.join(""), elements };
  }

  /**
   * Serialise `doc` at once. Returns {html, elements}: `elements[n]` is the live element whose
   * copy carries `data-masthead-id="n"`. `splitOver` is for the tests (written whole or in pieces,
   * the HTML must be the same).
   */
  function serialize(doc, { splitOver = SPLIT_OVER } = {}) {
    const run = steps(doc, splitOver);
    for (;;) {
      const { done, value } = run.next();
      if (done) return value;
    }
  }

  /**
   * The same copy, made in slices of a few milliseconds, so the page never waits long for it. The
   * page is read at the call, in one go. While the page is still loading, the rest runs in idle
   * time (or, on a page that is never idle, soon after), so its `load` event does not wait for it.
   * Once it has loaded, in ordinary tasks, the first at once: an idle callback asked for in another
   * runs only in the next idle period, after the next frame (~16 ms), and the banner waits for the
   * copy. The page's input and frames still come between two slices.
   */
  function serializeInSlices(doc) {
    const win = doc.defaultView;
    const loaded = () => doc.readyState === "complete";
    const later = (next) => {
      if (!loaded() && typeof win.requestIdleCallback === "function") win.requestIdleCallback(next, { timeout: 50 });
      // postTask: a chain of timeouts is held back 4 ms a link after the fifth
      else if (win.scheduler && typeof win.scheduler.postTask === "function") win.scheduler.postTask(() => next(null));
      else win.setTimeout(() => next(null), 0);
    };
    const run = steps(doc);
    run.next(); // the page is read now, before this returns
    return new Promise((resolve, reject) => {
      const slice = (deadline) => {
        const idle = deadline && !deadline.didTimeout ? deadline.timeRemaining() : SLICE_MS;
        const until = performance.now() + Math.max(1, Math.min(SLICE_MS, idle));
        try {
          for (;;) {
            const { done, value } = run.next();
            if (done) return resolve(value);
            if (performance.now() >= until) break;
          }
        } catch (err) {
          return reject(err);
        }
        later(slice);
      };
      if (loaded()) slice(null);
      else later(slice);
    });
  }

  /** A map from stamped id to live element, as the anchoring code wants it. */
  function idMap(elements) {
    return { get: (id) => (/^\d+$/.test(id) ? elements[Number(id)] : undefined) };
  }

  root.Masthead = root.Masthead || {};
  root.Masthead.serializer = { serialize, serializeInSlices, idMap };
})(globalThis);
