// A DOM for unit tests: jsdom, plus the extension's classic scripts loaded onto globalThis.
import { JSDOM } from "jsdom";
import "../src/content/anchoring.js";
import "../src/content/serialize.js";
import "../src/content/render.js";

export const { anchoring, serializer, renderer } = globalThis.Masthead;

export function page(body, head = "") {
  const html = `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
  const dom = new JSDOM(html, { pretendToBeVisual: true });
  return dom.window.document;
}
