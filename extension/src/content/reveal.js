// "Show this on the page", asked from the popup: scroll a finding into view and flash it once,
// so the reader sees which words it is about. Nothing stays behind after the flash.
(function (root) {
  "use strict";

  const { anchoring } = root.Masthead;
  const FLASH = "masthead-flash";
  const FLASH_MS = 2000;
  const CSS = `::highlight(${FLASH}) { background-color: rgba(255, 200, 40, 0.55); }
@media (prefers-color-scheme: dark) { ::highlight(${FLASH}) { background-color: rgba(255, 200, 40, 0.4); color: inherit; } }`;

  let undo = null; // the flash now showing, to end it early when another one starts

  function visible(element) {
    return Boolean(element && element.getClientRects().length);
  }

  /**
   * The element to scroll to: the finding's own, or the strip that stands for it when it is
   * folded away (a strip stands before the first of a run of promos, or before a promo's folded
   * ancestor; the folded siblings between take no space).
   */
  function placeOf(element) {
    if (visible(element)) return element;
    for (let node = element; node && node.parentElement; node = node.parentElement) {
      for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        if (sibling.localName === "masthead-strip") return visible(sibling) ? sibling : null;
        if (visible(sibling)) break;
      }
      if (visible(node.parentElement)) break;
    }
    return null;
  }

  function flashRange(doc, range) {
    const win = doc.defaultView;
    if (!range || range.collapsed || !(win.CSS && win.CSS.highlights && typeof win.Highlight === "function")) return null;
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    win.CSS.highlights.set(FLASH, new win.Highlight(range));
    return () => {
      win.CSS.highlights.delete(FLASH);
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }

  function flashElement(element) {
    const before = element.getAttribute("style");
    const flash = "outline: 3px solid rgba(255, 190, 30, 0.95) !important; outline-offset: 2px !important;";
    element.setAttribute("style", `${before ? before.replace(/;?\s*$/, "; ") : ""}${flash}`);
    return () => {
      if (before === null) element.removeAttribute("style");
      else element.setAttribute("style", before);
    };
  }

  /**
   * Scroll `annotation` (one of the answer drawn now) into the middle of the view (a tall one: its
   * top) and flash it.
   * Returns whether the page still holds it.
   */
  function reveal(doc, annotation, byId) {
    if (!annotation || !annotation.target) return false;
    let hit = null;
    try {
      hit = anchoring.anchor(annotation.target, doc, byId, {});
    } catch {
      hit = null;
    }
    const place = placeOf(hit && hit.element);
    if (!place) return false;
    if (undo) undo();
    // At once, not smoothly: the flash shows where the page went, and a smooth scroll can be
    // cut short by the page's own scrolling.
    // A finding about a whole region (the sourcing summary) starts at the region's top: its
    // middle would drop the reader halfway through the article.
    const tall = place.getBoundingClientRect().height > doc.defaultView.innerHeight * 0.8;
    place.scrollIntoView({ block: tall ? "start" : "center", behavior: "instant" });
    const range = place === hit.element ? hit.range : null;
    const end = flashRange(doc, range) || flashElement(place);
    undo = () => {
      end();
      undo = null;
    };
    const mine = undo;
    doc.defaultView.setTimeout(() => {
      if (undo === mine) undo();
    }, FLASH_MS);
    return true;
  }

  root.Masthead = root.Masthead || {};
  root.Masthead.reveal = { reveal, FLASH };
})(globalThis);
