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

  /**
   * Serialise `doc`. Returns {html, elements}: `elements[n]` is the live element whose copy carries
   * `data-masthead-id="n"`.
   */
  function serialize(doc) {
    const live = doc.documentElement;
    // importNode, not cloneNode: a clone belongs to the live page, and its <img>s fetch again and
    // fire the page's own onerror handlers.
    const copy = doc.implementation.createHTMLDocument("").importNode(live, true);
    const elements = [];
    const drop = [];
    const stack = [[live, copy]];
    while (stack.length) {
      const [a, b] = stack.pop();
      if (OWN_UI.test(a.localName)) {
        drop.push(b);
        continue;
      }
      b.setAttribute("data-masthead-id", String(elements.length));
      elements.push(a);
      if (clean(b)) continue;
      // Both trees have the same shape until `clean` empties a branch, which is never descended.
      let x = a.lastElementChild;
      let y = b.lastElementChild;
      while (x && y) {
        stack.push([x, y]);
        x = x.previousElementSibling;
        y = y.previousElementSibling;
      }
    }
    for (const node of drop) node.remove();
    return { html: "<!DOCTYPE html>\n" + copy.outerHTML, elements };
  }

  /** A map from stamped id to live element, as the anchoring code wants it. */
  function idMap(elements) {
    return { get: (id) => (/^\d+$/.test(id) ? elements[Number(id)] : undefined) };
  }

  root.Masthead = root.Masthead || {};
  root.Masthead.serializer = { serialize, idMap };
})(globalThis);
