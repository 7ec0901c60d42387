// A DOM for unit tests: jsdom, plus the extension's classic scripts loaded onto globalThis.
import { JSDOM } from "jsdom";
import "./i18n-messages.js"; // before i18n.js, which takes the browser's API as it loads
import "../src/shared/i18n.js";
import "../src/shared/findings.js";
import "../src/content/anchoring.js";
import "../src/content/serialize.js";
import "../src/content/render.js";

export const { anchoring, serializer, renderer } = globalThis.Masthead;

/**
 * jsdom lays nothing out: every box is 0x0, so the renderer would take every promo for one the
 * reader cannot see. `boxes` gives each element a box, as a browser would, for the tests that draw.
 */
export function page(body, head = "", { boxes = true } = {}) {
  const html = `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
  const dom = new JSDOM(html, { pretendToBeVisual: true });
  if (boxes) {
    const box = { x: 0, y: 0, top: 0, left: 0, width: 600, height: 20, right: 600, bottom: 20 };
    dom.window.Element.prototype.getBoundingClientRect = () => ({ ...box, toJSON: () => box });
  }
  return dom.window.document;
}
